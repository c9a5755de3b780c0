#include "miwb/nn/mlp.h"

namespace miwb::nn {

std::vector<Mat*> parameterList(std::vector<Layer>& layers) {
  std::vector<Mat*> out;
  out.reserve(2 * layers.size());
  for (Layer& layer : layers) {
    out.push_back(&layer.weights);
    out.push_back(&layer.bias);
  }
  return out;
}

Mlp::Mlp(const std::vector<Index>& sizes, Activation activation) : activation_(activation) {
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
    layers_.push_back({Mat::Zero(sizes[l], sizes[l + 1]), Mat::Zero(1, sizes[l + 1])});
}

std::vector<Layer> Mlp::zeroLayers() const {
  std::vector<Layer> zeros;
  zeros.reserve(layers_.size());
  for (const Layer& layer : layers_)
    zeros.push_back({Mat::Zero(layer.weights.rows(), layer.weights.cols()), Mat::Zero(1, layer.bias.cols())});
  return zeros;
}

template <class Batch>
void Mlp::forward(const Batch& input, Trace<Batch>& trace) const {
  const std::size_t n = layers_.size();
  trace.pre.resize(n);
  trace.post.resize(n - 1);
  for (std::size_t l = 0; l < n; ++l) {
    Batch& pre = trace.pre[l];
    pre.noalias() = (l == 0 ? input : trace.post[l - 1]) * layers_[l].weights;
    pre.rowwise() += layers_[l].bias.row(0);
    if (l + 1 < n) activate(activation_, pre, trace.post[l]);
  }
}

template <class Batch>
void Mlp::backward(const Batch& input, const Trace<Batch>& trace, const Batch& dOutput, std::vector<Layer>& grads,
                   std::type_identity_t<Batch>* dInput) const {
  Batch delta = dOutput;  // gradient w.r.t. the current layer's pre-activation
  Batch dPost;
  Eigen::RowVectorXd biasSum;
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const Batch& in = l == 0 ? input : trace.post[l - 1];
    grads[l].weights.noalias() += in.transpose() * delta;
    // Into a row vector first: Eigen sums a row-major batch's columns in another order when the
    // destination is a 1 x n matrix, and each caller's bits stay what they were.
    biasSum = delta.colwise().sum();
    grads[l].bias += biasSum;
    if (l == 0 && !dInput) break;
    dPost.noalias() = delta * layers_[l].weights.transpose();
    if (l == 0) {
      *dInput = std::move(dPost);
      break;
    }
    activationBackward(activation_, trace.pre[l - 1], trace.post[l - 1], dPost, delta);
  }
}

template void Mlp::forward<ColBatch>(const ColBatch&, Trace<ColBatch>&) const;
template void Mlp::forward<RowBatch>(const RowBatch&, Trace<RowBatch>&) const;
template void Mlp::backward<ColBatch>(const ColBatch&, const Trace<ColBatch>&, const ColBatch&, std::vector<Layer>&,
                                      ColBatch*) const;
template void Mlp::backward<RowBatch>(const RowBatch&, const Trace<RowBatch>&, const RowBatch&, std::vector<Layer>&,
                                      RowBatch*) const;

}  // namespace miwb::nn
