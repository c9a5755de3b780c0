#include "network.h"

#include <algorithm>
#include <cmath>

#include "miwb/nn/init.h"

namespace miwb::mlp_training {

namespace {

// Softmax of each row, shifted by the row maximum so that exp never overflows.
void softmaxRows(const miwb::Matrix& z, miwb::Matrix& p) {
  p = (z.colwise() - z.rowwise().maxCoeff()).array().exp();
  p.array().colwise() /= p.rowwise().sum().array();
}

std::vector<nn::Index> layerSizes(const std::vector<int>& widths) { return {widths.begin(), widths.end()}; }

}  // namespace

Network::Network(std::vector<int> widths, Activation activation)
    : widths_(std::move(widths)), mlp_(layerSizes(widths_), activation) {}

void Network::initialise(WeightInit init, miwb::Random& rng) {
  for (Layer& layer : mlp_.layers()) {
    if (init == WeightInit::TruncatedNormal) {
      nn::truncatedNormal(layer.weights, rng);
    } else {
      // rng.uniform(-r, r) rounds differently from nn::glorotUniform's r (2u - 1); kept so that a
      // seed gives the weights it always gave.
      const double range = std::sqrt(6.0 / static_cast<double>(layer.weights.rows() + layer.weights.cols()));
      nn::fillColumnMajor(layer.weights, [&] { return rng.uniform(-range, range); });
    }
    layer.bias.setZero();
  }
}

void Network::forward(const miwb::Matrix& x, ForwardPass& pass) const {
  mlp_.forward(x, pass.trace);
  softmaxRows(pass.trace.output(), pass.probabilities);
}

double Network::loss(const ForwardPass& pass, const std::vector<int>& classes, double weightDecay) const {
  const miwb::Matrix& p = pass.probabilities;
  double sum = 0.0;
  for (Eigen::Index i = 0; i < p.rows(); ++i) sum -= std::log(std::max(p(i, classes[static_cast<std::size_t>(i)]), 1e-300));
  double penalty = 0.0;
  if (weightDecay > 0.0)
    for (const Layer& layer : mlp_.layers()) penalty += layer.weights.squaredNorm();
  return sum / static_cast<double>(p.rows()) + 0.5 * weightDecay * penalty;
}

void Network::backward(const miwb::Matrix& x, const ForwardPass& pass, const std::vector<int>& classes,
                       double weightDecay, Gradients& grads) const {
  // d(mean cross-entropy)/dz of the softmax layer is (p - onehot) / batch.
  miwb::Matrix dz = pass.probabilities;
  for (Eigen::Index i = 0; i < dz.rows(); ++i) dz(i, classes[static_cast<std::size_t>(i)]) -= 1.0;
  dz /= static_cast<double>(dz.rows());
  if (grads.size() != mlp_.layers().size()) grads = mlp_.zeroLayers();
  for (Layer& g : grads) {
    g.weights.setZero();
    g.bias.setZero();
  }
  mlp_.backward(x, pass.trace, dz, grads, nullptr);
  if (weightDecay > 0.0)
    for (std::size_t l = 0; l < grads.size(); ++l) grads[l].weights += weightDecay * mlp_.layers()[l].weights;
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
