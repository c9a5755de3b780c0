#include "cs_estimator.h"

#include <cmath>

#include "side_kernel.h"

namespace miwb::kernel {

Status CauchySchwarzEstimator::mutualInformation(const Variable& x, const Variable& y, RunContext& ctx,
                                                 Estimate& out) const {
  miwb::Random subsampleRng = ctx.random(KernelSettings::kSubsampleStream);
  const std::vector<Index> kept = subsampleRows(x.samples(), settings_.maxSamples, stratumLabels(x, y), subsampleRng);
  miwb::Random widthRngX = ctx.random(KernelSettings::kWidthStreamX), widthRngY = ctx.random(KernelSettings::kWidthStreamY);
  const SideKernel sideX(x.subset(kept), settings_.x, widthRngX);
  const SideKernel sideY(y.subset(kept), settings_.y, widthRngY);
  const Index n = sideX.size();

  // Per-row sums from the blocked kernel sums (O(N) memory); the reductions over rows run serially
  // below, in row order.
  std::vector<double> rowX, rowY, rowJoint;
  MIWB_TRY(sideX.rowSums(1.0, ctx, rowX));
  MIWB_TRY(sideY.rowSums(1.0, ctx, rowY));
  MIWB_TRY(productRowSums(sideX, sideY, 1.0, ctx, rowJoint));

  double sumX = 0.0, sumY = 0.0, sumJoint = 0.0, cross = 0.0;
  for (std::size_t i = 0; i < rowX.size(); ++i) {
    sumX += rowX[i];
    sumY += rowY[i];
    sumJoint += rowJoint[i];
    cross += rowX[i] * rowY[i];
  }
  // Every sum is >= N (unit diagonals), so the logarithms are finite.
  out.valueNats = std::log(sumJoint) + std::log(sumX) + std::log(sumY) - 2.0 * std::log(cross);
  const double nn = static_cast<double>(n) * static_cast<double>(n);
  out.details = {{"samples", n}, {"x", sideX.describe()}, {"y", sideY.describe()}, {"v_joint", sumJoint / nn},
                 {"v_marginals", sumX / nn * (sumY / nn)}, {"v_cross", cross / (nn * static_cast<double>(n))}};
  return Status::ok();
}

}  // namespace miwb::kernel
