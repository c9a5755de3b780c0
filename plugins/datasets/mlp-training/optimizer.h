#pragma once
// Parameter updates from gradients: plain stochastic gradient descent, or Adam (Kingma & Ba 2015,
// Algorithm 1, with the bias-corrected moments and epsilon added to sqrt(v_hat)).
#include <memory>
#include <optional>
#include <string>

#include "network.h"

namespace miwb::mlp_training {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual void step(std::vector<Layer>& layers, const Gradients& grads) = 0;
};

enum class OptimizerKind { Adam, Sgd };
std::optional<OptimizerKind> optimizerFromName(const std::string& name);

std::unique_ptr<Optimizer> makeOptimizer(OptimizerKind kind, double learningRate);

}  // namespace miwb::mlp_training
