#include "diffusion_entropy.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <Spectra/MatOp/DenseSymMatProd.h>
#include <Spectra/SymEigsSolver.h>
#include <algorithm>
#include <cmath>

#include "miwb/memory_limit.h"
#include "miwb/numerics/kernels.h"

namespace miwb::spectral {
namespace {

// All eigenvalues of the symmetric k, or the `top` of largest magnitude when that is well below N
// (Lanczos needs room for a Krylov subspace of ~2 top + 1 vectors to pay off).
Status spectrum(const Eigen::MatrixXd& k, Index top, Eigen::VectorXd& out) {
  const Index n = k.rows();
  if (top > 0 && 2 * top + 1 < n) {
    Spectra::DenseSymMatProd<double> product(k);
    const Index subspace = std::min(n, std::max<Index>(2 * top + 1, 20));
    Spectra::SymEigsSolver<Spectra::DenseSymMatProd<double>> solver(product, top, subspace);
    solver.init();  // a fixed start vector: the result is reproducible
    solver.compute(Spectra::SortRule::LargestMagn);
    if (solver.info() != Spectra::CompInfo::Successful)
      return Status::numericalIssue(
          "the largest eigenvalues of the diffusion matrix did not converge; set 'eigenvalues' to 0");
    out = solver.eigenvalues();
    return Status::ok();
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(k, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success)
    return Status::numericalIssue("the eigenvalues of the diffusion matrix did not converge");
  out = solver.eigenvalues();
  return Status::ok();
}

}  // namespace

Status diffusionSpectralEntropy(const Matrix& z, double sigma, int t, Index topEigenvalues, double& nats) {
  const Index n = z.rows();
  if (n == 0) return Status::invalidInput("diffusion spectral entropy needs at least one sample");
  // The spectrum of the N x N diffusion matrix is what DSE is: its memory is inherent (two matrices
  // at the peak, the kernel and its distances), so say so before allocating when it cannot fit.
  MIWB_TRY(checkAllocation(2 * static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(n) * 8u,
                           "the " + std::to_string(n) + " x " + std::to_string(n) +
                               " diffusion matrix (its eigenvalues are the estimate; set max_samples)"));
  Eigen::MatrixXd k = gaussianGram(z, sigma);
  // Row sums are >= 1 (the unit diagonal), so D^-1/2 is always finite.
  Eigen::VectorXd invSqrtDegree(n);
  tbb::parallel_for(tbb::blocked_range<Index>(0, n), [&](const tbb::blocked_range<Index>& rows) {
    for (Index i = rows.begin(); i < rows.end(); ++i) invSqrtDegree(i) = 1.0 / std::sqrt(k.col(i).sum());
  });
  tbb::parallel_for(tbb::blocked_range<Index>(0, n), [&](const tbb::blocked_range<Index>& cols) {
    for (Index j = cols.begin(); j < cols.end(); ++j)
      for (Index i = 0; i < n; ++i) k(i, j) *= invSqrtDegree(i) * invSqrtDegree(j);
  });
  Eigen::VectorXd eigenvalues;
  MIWB_TRY(spectrum(k, topEigenvalues, eigenvalues));
  const Eigen::ArrayXd powered = eigenvalues.array().abs().pow(static_cast<double>(t));
  const double total = powered.sum();
  if (!(total > 0.0) || !std::isfinite(total))
    return Status::numericalIssue("the diffusion spectrum vanished; lower 't' or raise 'sigma'");
  double h = 0.0;
  for (Index i = 0; i < powered.size(); ++i) {
    const double p = powered(i) / total;
    if (p > 0.0) h -= p * std::log(p);
  }
  nats = h;
  return Status::ok();
}

}  // namespace miwb::spectral
