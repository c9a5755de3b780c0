#pragma once
// "cauchy-schwarz": Cauchy-Schwarz quadratic mutual information (Principe, "Information Theoretic
// Learning", 2010, ch. 2), from Gram matrices Kx, Ky of N samples:
//   V_J = 1/N^2 sum_ij Kx_ij Ky_ij                      (information potential of the joint)
//   V_M = (1/N^2 sum_ij Kx_ij) (1/N^2 sum_ij Ky_ij)     (of the product of the marginals)
//   V_C = 1/N^3 sum_i (sum_j Kx_ij) (sum_j Ky_ij)        (cross information potential)
//   I_CS = ln(V_J V_M / V_C^2) = ln J + ln Sx + ln Sy - 2 ln C  (the powers of N cancel),
// with J, Sx, Sy, C the sums without the 1/N factors. Kernel constants cancel too, so the Gram
// kernel's own width sigma is what the user sets (Principe's Parzen width is sigma / sqrt 2).
// I_CS >= 0 (Cauchy-Schwarz in the product RKHS) and = 0 iff the two Parzen densities factorise.
// A divergence-based dependence measure, not Shannon MI. O(N) memory: rows are streamed.
#include "kernel_settings.h"
#include "miwb/estimator.h"

namespace miwb::kernel {

class CauchySchwarzEstimator final : public Estimator {
 public:
  explicit CauchySchwarzEstimator(KernelSettings settings) : settings_(settings) {}

  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;

 private:
  KernelSettings settings_;
};

}  // namespace miwb::kernel
