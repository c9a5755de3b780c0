#include "activation.h"

namespace miwb::neural {

bool parseActivation(const std::string& name, Activation& out) {
  if (name == "relu") out = Activation::Relu;
  else if (name == "tanh") out = Activation::Tanh;
  else if (name == "elu") out = Activation::Elu;
  else return false;
  return true;
}

void activate(Activation act, const Mat& pre, Mat& post) {
  switch (act) {
    case Activation::Relu: post = pre.cwiseMax(0.0); return;
    case Activation::Tanh: post = pre.array().tanh(); return;
    case Activation::Elu: post = (pre.array() > 0.0).select(pre.array(), pre.array().exp() - 1.0); return;
  }
}

void activationBackward(Activation act, const Mat& pre, const Mat& post, const Mat& dPost, Mat& dPre) {
  switch (act) {
    case Activation::Relu: dPre = (pre.array() > 0.0).select(dPost.array(), 0.0); return;
    case Activation::Tanh: dPre = dPost.array() * (1.0 - post.array().square()); return;
    // elu'(z) = e^z = elu(z) + 1 for z <= 0.
    case Activation::Elu: dPre = (pre.array() > 0.0).select(dPost.array(), dPost.array() * (post.array() + 1.0)); return;
  }
}

}  // namespace miwb::neural
