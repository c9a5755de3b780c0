#include "side_kernel.h"

#include "miwb/numerics/entropy.h"
#include "miwb/numerics/pairwise.h"

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

Json SideKernel::describe() const {
  if (gaussian_) return {{"kernel", "gaussian"}, {"sigma", sigma_}};
  return {{"kernel", "delta"}};
}

namespace {

// Each row's count of rows with the same label.
std::vector<double> classCounts(const DenseLabels& classes) {
  std::vector<double> out(classes.codes.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<double>(classes.counts[static_cast<std::size_t>(classes.codes[i])]);
  return out;
}

}  // namespace

Status SideKernel::rowSums(double p, const RunContext& ctx, std::vector<double>& out) const {
  if (!gaussian_) {
    out = classCounts(denseLabels(labels_));
    return Status::ok();
  }
  KernelLogMeans sums;
  MIWB_TRY(gaussianKernelRowSums(values_, RowBlocks::single(size()), sigma_ * sigma_ / p, ctx, sums));
  out = std::move(sums.all);
  return Status::ok();
}

Status productRowSums(const SideKernel& a, const SideKernel& b, double p, const RunContext& ctx,
                      std::vector<double>& out) {
  if (!a.gaussian_ && !b.gaussian_) {
    out = classCounts(jointSymbols(denseLabels(a.labels_), denseLabels(b.labels_)));
    return Status::ok();
  }
  KernelLogMeans sums;
  if (a.gaussian_ && b.gaussian_) {
    Matrix z(a.size(), a.values_.cols() + b.values_.cols());
    z << a.values_ / a.sigma_, b.values_ / b.sigma_;
    MIWB_TRY(gaussianKernelRowSums(z, RowBlocks::single(a.size()), 1.0 / p, ctx, sums));
    out = std::move(sums.all);
    return Status::ok();
  }
  const SideKernel& g = a.gaussian_ ? a : b;
  const SideKernel& d = a.gaussian_ ? b : a;
  MIWB_TRY(gaussianKernelRowSums(g.values_, RowBlocks::byClass(denseLabels(d.labels_)), g.sigma_ * g.sigma_ / p, ctx, sums));
  out = std::move(sums.block);
  return Status::ok();
}

}  // namespace miwb::kernel
