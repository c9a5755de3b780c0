#pragma once
// A fully connected classifier: inputs -> hidden layers (one activation function) -> softmax over
// classes, trained on the mean softmax cross-entropy. The layers, activations and backpropagation
// are the SDK's nn library (miwb/nn); this class adds the softmax, the loss and weight decay.
#include <vector>

#include "miwb/nn/mlp.h"
#include "miwb/random.h"
#include "miwb/variable.h"

namespace miwb::mlp_training {

using nn::Activation;
using nn::activationFromName;
using Layer = nn::Layer;
// Gradients shaped like Network::layers().
using Gradients = std::vector<nn::Layer>;

enum class WeightInit {
  // Truncated normal (cut at 2 sd, redrawn), sd = 1/sqrt(fan_in), zero biases: the initialisation in
  // Shwartz-Ziv & Tishby's code (Saxe et al.'s Keras code scaled by the layer's own width instead).
  TruncatedNormal,
  // Glorot & Bengio's uniform on [-r, r], r = sqrt(6 / (fan_in + fan_out)), zero biases.
  GlorotUniform,
};

// What one forward pass keeps: every layer's pre-activations and hidden outputs (rows = samples),
// and the softmax probabilities.
struct ForwardPass {
  nn::Trace<miwb::Matrix> trace;
  miwb::Matrix probabilities;
  // The recorded output of layer l: its activations, or the probabilities for the last layer.
  const miwb::Matrix& output(std::size_t l) const { return l < trace.post.size() ? trace.post[l] : probabilities; }
};

class Network {
 public:
  // widths = {inputs, hidden..., classes}.
  Network(std::vector<int> widths, Activation activation);

  void initialise(WeightInit init, miwb::Random& rng);

  int layerCount() const { return static_cast<int>(mlp_.layerCount()); }
  const std::vector<int>& widths() const { return widths_; }
  std::vector<Layer>& layers() { return mlp_.layers(); }
  const std::vector<Layer>& layers() const { return mlp_.layers(); }

  void forward(const miwb::Matrix& x, ForwardPass& pass) const;

  // Mean cross-entropy of `pass` against class indices, plus (weightDecay/2) * sum of squared
  // weights (biases are not decayed).
  double loss(const ForwardPass& pass, const std::vector<int>& classes, double weightDecay) const;

  // Gradients of loss() with respect to every weight and bias, from a forward pass of x.
  void backward(const miwb::Matrix& x, const ForwardPass& pass, const std::vector<int>& classes, double weightDecay,
                Gradients& grads) const;

 private:
  std::vector<int> widths_;
  nn::Mlp mlp_;
};

// Fraction of rows whose most probable class is the true one.
double accuracy(const miwb::Matrix& probabilities, const std::vector<int>& classes);

}  // namespace miwb::mlp_training
