#pragma once
// A fully connected network with hand-written backpropagation: dense layers with an activation
// between them and a linear last layer. Rows of the input are samples. The parameters live here;
// what one forward pass remembers for backward() lives in a Trace owned by the caller, so one
// network can run several batches at once (the joint critic does, one per thread).
#include <vector>

#include "activation.h"
#include "miwb/random.h"
#include "tensor.h"

namespace miwb::neural {

class Mlp {
 public:
  struct Trace {
    std::vector<Mat> inputs;  // inputs[l]: what layer l received (inputs[0] is the network input)
    std::vector<Mat> pre;     // pre[l]: layer l's affine output (before the activation)
    const Mat& output() const { return pre.back(); }
  };

  Mlp() = default;
  // sizes = {inputs, hidden..., outputs}; at least two entries.
  Mlp(std::vector<Index> sizes, Activation activation);

  // Glorot-uniform weights, zero biases.
  void initialise(miwb::Random& rng);

  void forward(const Mat& input, Trace& trace) const;
  // Adds the gradient of sum(dOutput .* output) w.r.t. the parameters to `grads` (laid out as
  // parameters()) and, if dInput is given, writes the gradient w.r.t. the input there.
  void backward(const Trace& trace, const Mat& dOutput, std::vector<Mat>& grads, Mat* dInput) const;

  // {W0, b0, W1, b1, ...}; W_l is (in x out), b_l is (1 x out).
  std::vector<Mat>& parameters() { return params_; }
  // Zero matrices shaped like parameters().
  std::vector<Mat> zeroGradients() const;
  Index layers() const { return static_cast<Index>(params_.size() / 2); }
  Mat& weight(Index layer) { return params_[static_cast<std::size_t>(2 * layer)]; }

 private:
  const Mat& w(Index l) const { return params_[static_cast<std::size_t>(2 * l)]; }
  const Mat& b(Index l) const { return params_[static_cast<std::size_t>(2 * l + 1)]; }
  std::vector<Mat> params_;
  Activation activation_ = Activation::Relu;
};

// Glorot-uniform initialisation of a (fanIn x fanOut) weight matrix.
void glorotUniform(Mat& weight, miwb::Random& rng);

}  // namespace miwb::neural
