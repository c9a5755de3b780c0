#pragma once
// The optimizers a training run can choose; they are the SDK's (miwb/nn/optimizer.h).
#include <memory>
#include <optional>
#include <string>

#include "miwb/nn/optimizer.h"

namespace miwb::mlp_training {

using nn::Optimizer;

enum class OptimizerKind { Adam, Sgd };
std::optional<OptimizerKind> optimizerFromName(const std::string& name);

// Adam with Kingma & Ba's beta1 0.9, beta2 0.999, eps 1e-8, or plain SGD.
std::unique_ptr<Optimizer> makeOptimizer(OptimizerKind kind, double learningRate);

}  // namespace miwb::mlp_training
