#include "cs_estimator.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <atomic>
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

  // Per-row sums in parallel; the reductions over rows run serially below, in row order.
  Eigen::VectorXd rowX(n), rowY(n), rowJoint(n);
  std::atomic<Index> done{0};
  std::atomic<bool> stop{false};
  tbb::parallel_for(tbb::blocked_range<Index>(0, n), [&](const tbb::blocked_range<Index>& rows) {
    Eigen::VectorXd kx, ky;
    for (Index i = rows.begin(); i < rows.end() && !stop.load(); ++i) {
      sideX.row(i, kx);
      sideY.row(i, ky);
      rowX(i) = kx.sum();
      rowY(i) = ky.sum();
      rowJoint(i) = kx.dot(ky);
    }
    const Index finished = done += static_cast<Index>(rows.size());
    if (!ctx.progress(static_cast<double>(finished) / static_cast<double>(n))) stop = true;
  });
  if (stop.load() || ctx.cancelled()) return Status::cancelled();

  double sumX = 0.0, sumY = 0.0, sumJoint = 0.0, cross = 0.0;
  for (Index i = 0; i < n; ++i) {
    sumX += rowX(i);
    sumY += rowY(i);
    sumJoint += rowJoint(i);
    cross += rowX(i) * rowY(i);
  }
  // Every sum is >= N (unit diagonals), so the logarithms are finite.
  out.valueNats = std::log(sumJoint) + std::log(sumX) + std::log(sumY) - 2.0 * std::log(cross);
  const double nn = static_cast<double>(n) * static_cast<double>(n);
  out.details = {{"samples", n}, {"x", sideX.describe()}, {"y", sideY.describe()}, {"v_joint", sumJoint / nn},
                 {"v_marginals", sumX / nn * (sumY / nn)}, {"v_cross", cross / (nn * static_cast<double>(n))}};
  return Status::ok();
}

}  // namespace miwb::kernel
