#include "miwb/nn/activation.h"

#include <cmath>

namespace miwb::nn {

std::optional<Activation> activationFromName(std::string_view name) {
  if (name == "relu") return Activation::Relu;
  if (name == "tanh") return Activation::Tanh;
  if (name == "elu") return Activation::Elu;
  if (name == "sigmoid") return Activation::Sigmoid;
  if (name == "softsign") return Activation::Softsign;
  if (name == "linear") return Activation::Linear;
  return std::nullopt;
}

// Plain loops for relu and elu: they run on every hidden unit of every sample, and Eigen's
// select() builds slower code.
template <class Batch>
void activate(Activation f, const Batch& pre, Batch& post) {
  post.resize(pre.rows(), pre.cols());
  const double* in = pre.data();
  double* out = post.data();
  const Index n = pre.size();
  switch (f) {
    case Activation::Relu:
      for (Index i = 0; i < n; ++i) out[i] = in[i] > 0.0 ? in[i] : 0.0;
      return;
    case Activation::Tanh: post = pre.array().tanh(); return;
    case Activation::Elu:
      for (Index i = 0; i < n; ++i) out[i] = in[i] > 0.0 ? in[i] : std::expm1(in[i]);
      return;
    case Activation::Sigmoid: post = (1.0 + (-pre.array()).exp()).inverse(); return;
    case Activation::Softsign: post = pre.array() / (1.0 + pre.array().abs()); return;
    case Activation::Linear: post = pre; return;
  }
}

template <class Batch>
void activationBackward(Activation f, const Batch& pre, const Batch& post, const Batch& dPost, Batch& dPre) {
  dPre.resize(pre.rows(), pre.cols());
  const double* z = pre.data();
  const double* a = post.data();
  const double* g = dPost.data();
  double* out = dPre.data();
  const Index n = pre.size();
  switch (f) {
    case Activation::Relu:
      for (Index i = 0; i < n; ++i) out[i] = z[i] > 0.0 ? g[i] : 0.0;
      return;
    case Activation::Tanh:
      for (Index i = 0; i < n; ++i) out[i] = g[i] * (1.0 - a[i] * a[i]);
      return;
    // elu'(z) = e^z = elu(z) + 1 for z <= 0.
    case Activation::Elu:
      for (Index i = 0; i < n; ++i) out[i] = z[i] > 0.0 ? g[i] : g[i] * (a[i] + 1.0);
      return;
    case Activation::Sigmoid: dPre = dPost.array() * post.array() * (1.0 - post.array()); return;
    case Activation::Softsign: dPre = dPost.array() / (1.0 + pre.array().abs()).square(); return;
    case Activation::Linear: dPre = dPost; return;
  }
}

template void activate<ColBatch>(Activation, const ColBatch&, ColBatch&);
template void activate<RowBatch>(Activation, const RowBatch&, RowBatch&);
template void activationBackward<ColBatch>(Activation, const ColBatch&, const ColBatch&, const ColBatch&, ColBatch&);
template void activationBackward<RowBatch>(Activation, const RowBatch&, const RowBatch&, const RowBatch&, RowBatch&);

}  // namespace miwb::nn
