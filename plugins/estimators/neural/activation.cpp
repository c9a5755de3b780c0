#include "activation.h"

#include <cmath>

namespace miwb::neural {

bool parseActivation(const std::string& name, Activation& out) {
  if (name == "relu") out = Activation::Relu;
  else if (name == "tanh") out = Activation::Tanh;
  else if (name == "elu") out = Activation::Elu;
  else return false;
  return true;
}

// Plain loops: these run on every hidden unit of every pair, and Eigen's select() builds slower code.
void activate(Activation act, const Mat& pre, Mat& post) {
  post.resize(pre.rows(), pre.cols());
  const double* in = pre.data();
  double* out = post.data();
  const Index n = pre.size();
  switch (act) {
    case Activation::Relu:
      for (Index i = 0; i < n; ++i) out[i] = in[i] > 0.0 ? in[i] : 0.0;
      return;
    case Activation::Tanh: post = pre.array().tanh(); return;
    case Activation::Elu:
      for (Index i = 0; i < n; ++i) out[i] = in[i] > 0.0 ? in[i] : std::expm1(in[i]);
      return;
  }
}

void activationBackward(Activation act, const Mat& pre, const Mat& post, const Mat& dPost, Mat& dPre) {
  dPre.resize(pre.rows(), pre.cols());
  const double* z = pre.data();
  const double* a = post.data();
  const double* g = dPost.data();
  double* out = dPre.data();
  const Index n = pre.size();
  switch (act) {
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
  }
}

}  // namespace miwb::neural
