#pragma once
// Elementwise activations of the hidden layers. All three are 1-Lipschitz, which the Wasserstein
// critic relies on.
#include <string>

#include "tensor.h"

namespace miwb::neural {

enum class Activation { Relu, Tanh, Elu };

// "relu", "tanh" or "elu"; false for anything else.
bool parseActivation(const std::string& name, Activation& out);

void activate(Activation act, const Mat& pre, Mat& post);
// dPre = dPost * act'(pre); `post` is activate(pre), which tanh and elu reuse.
void activationBackward(Activation act, const Mat& pre, const Mat& post, const Mat& dPost, Mat& dPre);

}  // namespace miwb::neural
