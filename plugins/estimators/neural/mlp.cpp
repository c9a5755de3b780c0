#include "mlp.h"

#include <cmath>

namespace miwb::neural {

Mlp::Mlp(std::vector<Index> sizes, Activation activation) : activation_(activation) {
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    params_.push_back(Mat::Zero(sizes[l], sizes[l + 1]));
    params_.push_back(Mat::Zero(1, sizes[l + 1]));
  }
}

void glorotUniform(Mat& weight, miwb::Random& rng) {
  const double limit = std::sqrt(6.0 / static_cast<double>(weight.rows() + weight.cols()));
  // Column-major fill order is part of the seed's meaning: keep it fixed.
  for (Index j = 0; j < weight.cols(); ++j)
    for (Index i = 0; i < weight.rows(); ++i) weight(i, j) = limit * (2.0 * rng.uniform() - 1.0);
}

void Mlp::initialise(miwb::Random& rng) {
  for (Index l = 0; l < layers(); ++l) {
    glorotUniform(weight(l), rng);
    params_[static_cast<std::size_t>(2 * l + 1)].setZero();
  }
}

void Mlp::forward(const Mat& input, Trace& trace) const {
  const auto n = static_cast<std::size_t>(layers());
  trace.inputs.resize(n);
  trace.pre.resize(n);
  trace.inputs[0] = input;
  for (std::size_t l = 0; l < n; ++l) {
    Mat& pre = trace.pre[l];
    pre.noalias() = trace.inputs[l] * w(static_cast<Index>(l));
    pre.rowwise() += b(static_cast<Index>(l)).row(0);
    if (l + 1 < n) activate(activation_, pre, trace.inputs[l + 1]);
  }
}

void Mlp::backward(const Trace& trace, const Mat& dOutput, std::vector<Mat>& grads, Mat* dInput) const {
  Mat delta = dOutput;  // gradient w.r.t. the current layer's pre-activation
  Mat dPost;
  for (Index l = layers() - 1; l >= 0; --l) {
    const auto ul = static_cast<std::size_t>(l);
    grads[2 * ul].noalias() += trace.inputs[ul].transpose() * delta;
    grads[2 * ul + 1] += delta.colwise().sum();
    if (l == 0 && !dInput) break;
    dPost.noalias() = delta * w(l).transpose();
    if (l == 0) {
      *dInput = std::move(dPost);
      break;
    }
    activationBackward(activation_, trace.pre[ul - 1], trace.inputs[ul], dPost, delta);
  }
}

std::vector<Mat> Mlp::zeroGradients() const {
  std::vector<Mat> zeros;
  zeros.reserve(params_.size());
  for (const Mat& p : params_) zeros.push_back(Mat::Zero(p.rows(), p.cols()));
  return zeros;
}

}  // namespace miwb::neural
