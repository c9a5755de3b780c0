#pragma once
// A fully connected classifier: inputs -> hidden layers (one activation function) -> softmax over
// classes, trained on the mean softmax cross-entropy. Hand-written forward and backward passes.
#include <Eigen/Core>
#include <vector>

#include "activation_function.h"
#include "miwb/random.h"
#include "miwb/variable.h"

namespace miwb::mlp_training {

enum class WeightInit {
  // Truncated normal (cut at 2 sd, redrawn), sd = 1/sqrt(fan_in), zero biases: the initialisation in
  // Shwartz-Ziv & Tishby's code (Saxe et al.'s Keras code scaled by the layer's own width instead).
  TruncatedNormal,
  // Glorot & Bengio's uniform on [-r, r], r = sqrt(6 / (fan_in + fan_out)), zero biases.
  GlorotUniform,
};

// Weights are fan_in x fan_out so that a batch (rows = samples) maps as Z = A W + b.
struct Layer {
  Eigen::MatrixXd weights;
  Eigen::RowVectorXd bias;
};

// What one forward pass keeps for the backward pass: pre-activations z and outputs a per layer.
// a.back() holds the softmax probabilities.
struct ForwardPass {
  std::vector<miwb::Matrix> z;
  std::vector<miwb::Matrix> a;
};

struct Gradients {
  std::vector<Eigen::MatrixXd> weights;
  std::vector<Eigen::RowVectorXd> bias;
};

class Network {
 public:
  // widths = {inputs, hidden..., classes}.
  Network(std::vector<int> widths, Activation activation);

  void initialise(WeightInit init, miwb::Random& rng);

  int layerCount() const { return static_cast<int>(layers_.size()); }
  const std::vector<int>& widths() const { return widths_; }
  std::vector<Layer>& layers() { return layers_; }
  const std::vector<Layer>& layers() const { return layers_; }

  void forward(const miwb::Matrix& x, ForwardPass& pass) const;

  // Mean cross-entropy of `pass` against class indices, plus (weightDecay/2) * sum of squared
  // weights (biases are not decayed).
  double loss(const ForwardPass& pass, const std::vector<int>& classes, double weightDecay) const;

  // Gradients of loss() with respect to every weight and bias, from a forward pass of x.
  void backward(const miwb::Matrix& x, const ForwardPass& pass, const std::vector<int>& classes, double weightDecay,
                Gradients& grads) const;

 private:
  std::vector<int> widths_;
  Activation activation_;
  std::vector<Layer> layers_;
};

// Fraction of rows whose most probable class is the true one.
double accuracy(const miwb::Matrix& probabilities, const std::vector<int>& classes);

}  // namespace miwb::mlp_training
