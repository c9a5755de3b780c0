#pragma once
// "renyi": matrix-based Renyi alpha-order entropy and mutual information (Giraldo, Rao & Principe
// 2015; Yu et al. 2019). With Gram matrices Kx, Ky and A = Kx / tr Kx, B = Ky / tr Ky:
//   S_alpha(A) = 1/(1 - alpha) ln sum_i lambda_i(A)^alpha   (von Neumann -sum lambda ln lambda at 1),
//   S_alpha(A, B) = S_alpha(A o B / tr(A o B))  (o: Hadamard product),
//   I_alpha = S_alpha(A) + S_alpha(B) - S_alpha(A, B).
// The papers use log2 (bits); we return nats (bits * ln 2). This is a functional of the Gram
// spectra, not a plug-in estimate of Shannon MI: it does not converge to I(X;Y) in general.
// alpha = 2 needs only sum lambda^2 = ||A||_F^2, a sum of squared kernel values: O(N) memory from the
// blocked kernel sums. Any other alpha needs the eigenvalues of N x N matrices, which stays O(N^2)
// memory and O(N^3) time: bounded by max_samples, with an error before allocating what cannot fit.
#include "kernel_settings.h"
#include "miwb/estimator.h"
#include "side_kernel.h"

namespace miwb::kernel {

// S_alpha in nats of the eigenvalues of a unit-trace positive semi-definite matrix. Eigenvalues
// below N * eps * lambda_max are rounding noise and count as 0 (they would dominate for alpha < 1).
double renyiEntropyOfSpectrum(const Eigen::VectorXd& eigenvalues, double alpha);

class RenyiEstimator final : public Estimator {
 public:
  RenyiEstimator(KernelSettings settings, double alpha) : settings_(settings), alpha_(alpha) {}

  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;
  // S_alpha(A) of x alone (x's width settings).
  Status entropy(const Variable& x, RunContext& ctx, Estimate& out) const override;

 private:
  // S_alpha of x, y and their pair from the spectra of the three Gram matrices.
  Status spectralEntropies(const SideKernel& sideX, const SideKernel& sideY, RunContext& ctx, double& hx, double& hy,
                           double& hxy) const;

  KernelSettings settings_;
  double alpha_;  // the Renyi order
};

}  // namespace miwb::kernel
