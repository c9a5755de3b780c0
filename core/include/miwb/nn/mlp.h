#pragma once
// A fully connected network with hand-written backpropagation: dense layers with one activation
// between them and a linear last layer (a caller adds its own output map, e.g. a softmax). The
// parameters live here; what one forward pass remembers for backward() lives in a Trace owned by
// the caller, so one network can run several batches at once (one per thread).
#include <type_traits>
#include <vector>

#include "miwb/nn/activation.h"
#include "miwb/nn/matrix.h"

namespace miwb::nn {

// One dense layer, Z = A W + b.
struct Layer {
  Mat weights;  // fanIn x fanOut
  Mat bias;     // 1 x fanOut
};

// The parameters in optimiser order, {W0, b0, W1, b1, ...}.
std::vector<Mat*> parameterList(std::vector<Layer>& layers);

template <class Batch>
struct Trace {
  std::vector<Batch> pre;   // pre[l]: layer l's affine output
  std::vector<Batch> post;  // post[l] = activation(pre[l]) for the hidden layers (one fewer than pre)
  const Batch& output() const { return pre.back(); }
};

class Mlp {
 public:
  Mlp() = default;
  // sizes = {inputs, hidden..., outputs}, at least two entries; all parameters zero.
  Mlp(const std::vector<Index>& sizes, Activation activation);

  std::vector<Layer>& layers() { return layers_; }
  const std::vector<Layer>& layers() const { return layers_; }
  Index layerCount() const { return static_cast<Index>(layers_.size()); }
  Activation activation() const { return activation_; }
  // Zero layers shaped like layers(), for gradients.
  std::vector<Layer> zeroLayers() const;

  template <class Batch>
  void forward(const Batch& input, Trace<Batch>& trace) const;
  // Adds the gradient of sum(dOutput .* output) w.r.t. the parameters to `grads` (shaped like
  // layers()) for the forward pass of `input` recorded in `trace`, and, if dInput is given, writes
  // the gradient w.r.t. the input there.
  template <class Batch>
  void backward(const Batch& input, const Trace<Batch>& trace, const Batch& dOutput, std::vector<Layer>& grads,
                std::type_identity_t<Batch>* dInput) const;

 private:
  std::vector<Layer> layers_;
  Activation activation_ = Activation::Relu;
};

}  // namespace miwb::nn
