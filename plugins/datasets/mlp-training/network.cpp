#include "network.h"

#include <algorithm>
#include <cmath>

namespace miwb::mlp_training {

namespace {

// Softmax of each row, shifted by the row maximum so that exp never overflows.
void softmaxRows(const miwb::Matrix& z, miwb::Matrix& p) {
  p = (z.colwise() - z.rowwise().maxCoeff()).array().exp();
  p.array().colwise() /= p.rowwise().sum().array();
}

// A standard normal redrawn until within 2 sd (TensorFlow's truncated_normal).
double truncatedNormal(miwb::Random& rng) {
  double v;
  do v = rng.normal();
  while (std::fabs(v) > 2.0);
  return v;
}

}  // namespace

Network::Network(std::vector<int> widths, Activation activation)
    : widths_(std::move(widths)), activation_(activation) {
  for (std::size_t l = 1; l < widths_.size(); ++l)
    layers_.push_back({Eigen::MatrixXd::Zero(widths_[l - 1], widths_[l]), Eigen::RowVectorXd::Zero(widths_[l])});
}

void Network::initialise(WeightInit init, miwb::Random& rng) {
  for (Layer& layer : layers_) {
    const double fanIn = static_cast<double>(layer.weights.rows());
    const double fanOut = static_cast<double>(layer.weights.cols());
    const double range = std::sqrt(6.0 / (fanIn + fanOut));
    // Column-major fill order is part of the seed -> weights contract; keep it.
    for (Eigen::Index j = 0; j < layer.weights.cols(); ++j)
      for (Eigen::Index i = 0; i < layer.weights.rows(); ++i)
        layer.weights(i, j) = init == WeightInit::TruncatedNormal ? truncatedNormal(rng) / std::sqrt(fanIn)
                                                                  : rng.uniform(-range, range);
    layer.bias.setZero();
  }
}

void Network::forward(const miwb::Matrix& x, ForwardPass& pass) const {
  const std::size_t count = layers_.size();
  pass.z.resize(count);
  pass.a.resize(count);
  for (std::size_t l = 0; l < count; ++l) {
    const miwb::Matrix& input = l == 0 ? x : pass.a[l - 1];
    pass.z[l].noalias() = input * layers_[l].weights;
    pass.z[l].rowwise() += layers_[l].bias;
    if (l + 1 < count) applyActivation(activation_, pass.z[l], pass.a[l]);
    else softmaxRows(pass.z[l], pass.a[l]);
  }
}

double Network::loss(const ForwardPass& pass, const std::vector<int>& classes, double weightDecay) const {
  const miwb::Matrix& p = pass.a.back();
  double sum = 0.0;
  for (Eigen::Index i = 0; i < p.rows(); ++i) sum -= std::log(std::max(p(i, classes[static_cast<std::size_t>(i)]), 1e-300));
  double penalty = 0.0;
  if (weightDecay > 0.0)
    for (const Layer& layer : layers_) penalty += layer.weights.squaredNorm();
  return sum / static_cast<double>(p.rows()) + 0.5 * weightDecay * penalty;
}

void Network::backward(const miwb::Matrix& x, const ForwardPass& pass, const std::vector<int>& classes,
                       double weightDecay, Gradients& grads) const {
  const std::size_t count = layers_.size();
  grads.weights.resize(count);
  grads.bias.resize(count);
  // d(mean cross-entropy)/dz of the softmax layer is (p - onehot) / batch.
  miwb::Matrix dz = pass.a.back();
  for (Eigen::Index i = 0; i < dz.rows(); ++i) dz(i, classes[static_cast<std::size_t>(i)]) -= 1.0;
  dz /= static_cast<double>(dz.rows());
  miwb::Matrix da;
  for (std::size_t l = count; l-- > 0;) {
    const miwb::Matrix& input = l == 0 ? x : pass.a[l - 1];
    grads.weights[l].noalias() = input.transpose() * dz;
    if (weightDecay > 0.0) grads.weights[l] += weightDecay * layers_[l].weights;
    grads.bias[l] = dz.colwise().sum();
    if (l == 0) break;
    da.noalias() = dz * layers_[l].weights.transpose();
    backpropActivation(activation_, pass.z[l - 1], pass.a[l - 1], da, dz);
  }
}

double accuracy(const miwb::Matrix& probabilities, const std::vector<int>& classes) {
  if (probabilities.rows() == 0) return 0.0;
  Eigen::Index hits = 0;
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
    Eigen::Index best = 0;
    probabilities.row(i).maxCoeff(&best);
    hits += best == classes[static_cast<std::size_t>(i)];
  }
  return static_cast<double>(hits) / static_cast<double>(probabilities.rows());
}

}  // namespace miwb::mlp_training
