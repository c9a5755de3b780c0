#pragma once
// Elementwise activations of hidden layers and their derivatives, on batches whose rows are
// samples. Both storage orders are offered: the estimators' critics use column-major batches, the
// in-app training row-major ones (miwb::Matrix), and each keeps its own rounding.
#include <optional>
#include <string_view>

#include "miwb/nn/matrix.h"

namespace miwb::nn {

// relu, tanh, elu, softsign and linear are 1-Lipschitz (the Wasserstein critic relies on that);
// sigmoid is 1/4-Lipschitz.
enum class Activation { Relu, Tanh, Elu, Sigmoid, Softsign, Linear };

// "relu", "tanh", "elu", "sigmoid", "softsign" or "linear"; nullopt for anything else.
std::optional<Activation> activationFromName(std::string_view name);

// post = f(pre), element by element.
template <class Batch>
void activate(Activation f, const Batch& pre, Batch& post);

// dPre = dPost * f'(pre); `post` is activate(pre), which tanh, elu and sigmoid reuse.
template <class Batch>
void activationBackward(Activation f, const Batch& pre, const Batch& post, const Batch& dPost, Batch& dPre);

}  // namespace miwb::nn
