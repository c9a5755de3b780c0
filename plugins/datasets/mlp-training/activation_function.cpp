#include "activation_function.h"

#include <cmath>

namespace miwb::mlp_training {

std::optional<Activation> activationFromName(const std::string& name) {
  if (name == "tanh") return Activation::Tanh;
  if (name == "relu") return Activation::Relu;
  if (name == "sigmoid") return Activation::Sigmoid;
  if (name == "softsign") return Activation::Softsign;
  if (name == "linear") return Activation::Linear;
  return std::nullopt;
}

void applyActivation(Activation f, const miwb::Matrix& z, miwb::Matrix& a) {
  switch (f) {
    case Activation::Tanh: a = z.array().tanh(); return;
    case Activation::Relu: a = z.array().max(0.0); return;
    case Activation::Sigmoid: a = (1.0 + (-z.array()).exp()).inverse(); return;
    case Activation::Softsign: a = z.array() / (1.0 + z.array().abs()); return;
    case Activation::Linear: a = z; return;
  }
}

void backpropActivation(Activation f, const miwb::Matrix& z, const miwb::Matrix& a, const miwb::Matrix& da,
                        miwb::Matrix& dz) {
  switch (f) {
    case Activation::Tanh: dz = da.array() * (1.0 - a.array().square()); return;
    case Activation::Relu: dz = (z.array() > 0.0).select(da, 0.0); return;
    case Activation::Sigmoid: dz = da.array() * a.array() * (1.0 - a.array()); return;
    case Activation::Softsign: dz = da.array() / (1.0 + z.array().abs()).square(); return;
    case Activation::Linear: dz = da; return;
  }
}

}  // namespace miwb::mlp_training
