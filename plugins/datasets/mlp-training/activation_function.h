#pragma once
// Element-wise activation functions of the hidden layers and their derivatives.
#include <optional>
#include <string>

#include "miwb/variable.h"

namespace miwb::mlp_training {

enum class Activation { Tanh, Relu, Sigmoid, Softsign, Linear };

// Parses a schema choice ("tanh", "relu", ...); nullopt for an unknown name.
std::optional<Activation> activationFromName(const std::string& name);

// a = f(z), element by element.
void applyActivation(Activation f, const miwb::Matrix& z, miwb::Matrix& a);
// dz = da * f'(z), element by element; `a` = f(z) lets tanh and sigmoid reuse the forward values.
void backpropActivation(Activation f, const miwb::Matrix& z, const miwb::Matrix& a, const miwb::Matrix& da,
                        miwb::Matrix& dz);

}  // namespace miwb::mlp_training
