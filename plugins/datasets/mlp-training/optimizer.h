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
  // Everything a later step depends on, flattened, so that a checkpointed run resumes exactly;
  // restore() takes what state() gave for layers of the same shapes and returns false otherwise.
  virtual std::vector<double> state() const { return {}; }
  virtual bool restore(const std::vector<double>& state, const std::vector<Layer>& layers) {
    (void)layers;
    return state.empty();
  }
};

enum class OptimizerKind { Adam, Sgd };
std::optional<OptimizerKind> optimizerFromName(const std::string& name);

std::unique_ptr<Optimizer> makeOptimizer(OptimizerKind kind, double learningRate);

}  // namespace miwb::mlp_training
