#pragma once
// The kernel of one variable: a Gaussian kernel on its values (width by rule), or, for a variable
// that holds only labels, the delta kernel K_ij = [y_i == y_j]. The delta kernel makes the
// matrix-based entropies of labels equal to the entropies of the label frequencies.

#include "kernel_settings.h"
#include "miwb/random.h"
#include "miwb/variable.h"

namespace miwb::kernel {

class SideKernel {
 public:
  // `rng` draws the rows the median rule looks at when there are many.
  SideKernel(const Variable& v, const WidthSpec& width, miwb::Random& rng);

  Index size() const { return gaussian_ ? values_.rows() : static_cast<Index>(labels_.size()); }
  // The N x N Gram matrix (unit diagonal), computed in parallel.
  Eigen::MatrixXd gram() const;
  // Row i of the Gram matrix, for passes that never hold the whole matrix.
  void row(Index i, Eigen::VectorXd& out) const;
  // {"kernel": "gaussian", "sigma": s} or {"kernel": "delta"}, for the estimate's details.
  Json describe() const;

 private:
  bool gaussian_ = false;
  Matrix values_;
  Labels labels_;
  double sigma_ = 1.0;
};

}  // namespace miwb::kernel
