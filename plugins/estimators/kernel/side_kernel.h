#pragma once
// The kernel of one variable: a Gaussian kernel on its values (width by rule), or, for a variable
// that holds only labels, the delta kernel K_ij = [y_i == y_j]. The delta kernel makes the
// matrix-based entropies of labels equal to the entropies of the label frequencies.

#include <vector>

#include "kernel_settings.h"
#include "miwb/random.h"
#include "miwb/run_context.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb::kernel {

class SideKernel {
 public:
  // `rng` draws the rows the median rule looks at when there are many.
  SideKernel(const Variable& v, const WidthSpec& width, miwb::Random& rng);

  Index size() const { return gaussian_ ? values_.rows() : static_cast<Index>(labels_.size()); }
  // The N x N Gram matrix (unit diagonal), computed in parallel.
  Eigen::MatrixXd gram() const;
  // {"kernel": "gaussian", "sigma": s} or {"kernel": "delta"}, for the estimate's details.
  Json describe() const;

  // sum_j K_ij^p for every row i, in O(N) memory: Gaussian rows from the blocked kernel sums of
  // numerics/pairwise.h (K^p is the Gaussian kernel of variance sigma^2 / p), delta rows by counting.
  Status rowSums(double p, const RunContext& ctx, std::vector<double>& out) const;
  // sum_j (A_ij B_ij)^p for every row i, the row sums of the Hadamard product's power: two Gaussians
  // are one Gaussian kernel on [a / sigma_a, b / sigma_b], a Gaussian and a delta kernel the
  // Gaussian's sums within the labels' classes, two deltas a count of the joint labels.
  friend Status productRowSums(const SideKernel& a, const SideKernel& b, double p, const RunContext& ctx,
                               std::vector<double>& out);

 private:
  bool gaussian_ = false;
  Matrix values_;
  Labels labels_;
  double sigma_ = 1.0;
};

}  // namespace miwb::kernel
