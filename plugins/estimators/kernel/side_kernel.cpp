#include "side_kernel.h"

namespace miwb::kernel {

SideKernel::SideKernel(const Variable& v, const WidthSpec& width, miwb::Random& rng)
    : gaussian_(v.hasValues()) {
  if (gaussian_) {
    values_ = v.values();
    sigma_ = kernelWidth(values_, width.rule, width.sigma, rng);
  } else {
    labels_ = v.labels();
  }
}

Eigen::MatrixXd SideKernel::gram() const { return gaussian_ ? gaussianGram(values_, sigma_) : deltaGram(labels_); }

void SideKernel::row(Index i, Eigen::VectorXd& out) const {
  if (gaussian_) {
    gaussianGramRow(values_, sigma_, i, out);
    return;
  }
  out.resize(size());
  const auto own = labels_[static_cast<std::size_t>(i)];
  for (Index j = 0; j < size(); ++j) out(j) = labels_[static_cast<std::size_t>(j)] == own ? 1.0 : 0.0;
}

Json SideKernel::describe() const {
  if (gaussian_) return {{"kernel", "gaussian"}, {"sigma", sigma_}};
  return {{"kernel", "delta"}};
}

}  // namespace miwb::kernel
