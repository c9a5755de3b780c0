#include "renyi_estimator.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>

#include "miwb/memory_limit.h"
#include "side_kernel.h"

namespace miwb::kernel {
namespace {

// alpha != 2 needs the spectrum of N x N matrices (three for the MI): a clear error before they are
// allocated when they cannot fit, pointing at max_samples.
Status checkGramMemory(Index n, int matrices) {
  const auto bytes = static_cast<std::uint64_t>(matrices) * static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(n) * 8u;
  return checkAllocation(bytes, "renyi's " + std::to_string(matrices) + " Gram matrices of " + std::to_string(n) + " x " +
                                    std::to_string(n) + " (alpha != 2 needs their eigenvalues; set max_samples)");
}

// S_2 of K / tr K from the kernel's row sums alone: sum lambda^2 = ||K / N||_F^2 = sum_ij K_ij^2 / N^2
// (unit diagonal, trace N). O(N) memory: the squared kernel is the kernel at half the variance.
double renyi2FromSquaredRowSums(const std::vector<double>& rowSumsOfSquares) {
  double sum = 0.0;
  for (double v : rowSumsOfSquares) sum += v;
  const double n = static_cast<double>(rowSumsOfSquares.size());
  return -std::log(sum / (n * n));
}

// S_alpha of K / tr K (K symmetric positive semi-definite, non-zero trace).
Status matrixEntropy(Eigen::MatrixXd k, double alpha, double& nats) {
  k /= k.trace();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(k, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) return Status::numericalIssue("the Gram matrix eigenvalues did not converge");
  nats = renyiEntropyOfSpectrum(solver.eigenvalues(), alpha);
  return Status::ok();
}

// Kx o Ky, computed column by column in parallel.
Eigen::MatrixXd hadamard(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd c(a.rows(), a.cols());
  tbb::parallel_for(tbb::blocked_range<Index>(0, a.cols()), [&](const tbb::blocked_range<Index>& cols) {
    for (Index j = cols.begin(); j < cols.end(); ++j) c.col(j) = a.col(j).cwiseProduct(b.col(j));
  });
  return c;
}

}  // namespace

double renyiEntropyOfSpectrum(const Eigen::VectorXd& eigenvalues, double alpha) {
  const double tolerance = static_cast<double>(eigenvalues.size()) * std::numeric_limits<double>::epsilon() *
                           eigenvalues.cwiseAbs().maxCoeff();
  double sum = 0.0;
  for (Index i = 0; i < eigenvalues.size(); ++i) {
    const double lambda = eigenvalues(i);
    if (lambda <= tolerance) continue;
    sum += alpha == 1.0 ? -lambda * std::log(lambda) : std::pow(lambda, alpha);
  }
  return alpha == 1.0 ? sum : std::log(sum) / (1.0 - alpha);
}

Status RenyiEstimator::entropy(const Variable& x, RunContext& ctx, Estimate& out) const {
  miwb::Random subsampleRng = ctx.random(KernelSettings::kSubsampleStream);
  const std::vector<Index> kept = subsampleRows(x.samples(), settings_.maxSamples, nullptr, subsampleRng);
  miwb::Random widthRng = ctx.random(KernelSettings::kWidthStreamX);
  const SideKernel side(x.subset(kept), settings_.x, widthRng);
  if (!ctx.progress(0.0)) return Status::cancelled();
  double nats = 0.0;
  if (alpha_ == 2.0) {
    std::vector<double> squares;
    MIWB_TRY(side.rowSums(2.0, ctx, squares));
    nats = renyi2FromSquaredRowSums(squares);
  } else {
    MIWB_TRY(checkGramMemory(side.size(), 1));
    MIWB_TRY(matrixEntropy(side.gram(), alpha_, nats));
  }
  out.valueNats = nats;
  out.details = {{"samples", side.size()}, {"x", side.describe()}, {"alpha", alpha_}};
  ctx.progress(1.0);
  return Status::ok();
}

Status RenyiEstimator::mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const {
  miwb::Random subsampleRng = ctx.random(KernelSettings::kSubsampleStream);
  const std::vector<Index> kept = subsampleRows(x.samples(), settings_.maxSamples, stratumLabels(x, y), subsampleRng);
  miwb::Random widthRngX = ctx.random(KernelSettings::kWidthStreamX), widthRngY = ctx.random(KernelSettings::kWidthStreamY);
  const SideKernel sideX(x.subset(kept), settings_.x, widthRngX);
  const SideKernel sideY(y.subset(kept), settings_.y, widthRngY);
  double hx = 0.0, hy = 0.0, hxy = 0.0;
  if (alpha_ == 2.0) {
    std::vector<double> sx, sy, sxy;
    MIWB_TRY(sideX.rowSums(2.0, ctx, sx));
    MIWB_TRY(sideY.rowSums(2.0, ctx, sy));
    MIWB_TRY(productRowSums(sideX, sideY, 2.0, ctx, sxy));
    hx = renyi2FromSquaredRowSums(sx);
    hy = renyi2FromSquaredRowSums(sy);
    hxy = renyi2FromSquaredRowSums(sxy);
  } else {
    MIWB_TRY(spectralEntropies(sideX, sideY, ctx, hx, hy, hxy));
  }
  out.valueNats = hx + hy - hxy;
  out.details = {{"samples", sideX.size()}, {"x", sideX.describe()}, {"y", sideY.describe()}, {"alpha", alpha_},
                 {"h_x", hx}, {"h_y", hy}, {"h_xy", hxy}};
  ctx.progress(1.0);
  return Status::ok();
}

Status RenyiEstimator::spectralEntropies(const SideKernel& sideX, const SideKernel& sideY, RunContext& ctx, double& hx,
                                         double& hy, double& hxy) const {
  MIWB_TRY(checkGramMemory(sideX.size(), 3));
  const Eigen::MatrixXd kx = sideX.gram();
  if (!ctx.progress(0.1)) return Status::cancelled();
  const Eigen::MatrixXd ky = sideY.gram();
  if (!ctx.progress(0.2)) return Status::cancelled();
  const Eigen::MatrixXd kxy = hadamard(kx, ky);
  if (!ctx.progress(0.3)) return Status::cancelled();

  // The three decompositions are independent: each writes only its own result.
  Status sx, sy, sxy;
  tbb::parallel_invoke([&] { sx = matrixEntropy(kx, alpha_, hx); },
                       [&] { sy = matrixEntropy(ky, alpha_, hy); },
                       [&] { sxy = matrixEntropy(kxy, alpha_, hxy); });
  MIWB_TRY(sx);
  MIWB_TRY(sy);
  return sxy;
}

}  // namespace miwb::kernel
