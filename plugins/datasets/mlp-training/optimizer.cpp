#include "optimizer.h"

namespace miwb::mlp_training {

std::optional<OptimizerKind> optimizerFromName(const std::string& name) {
  if (name == "adam") return OptimizerKind::Adam;
  if (name == "sgd") return OptimizerKind::Sgd;
  return std::nullopt;
}

std::unique_ptr<Optimizer> makeOptimizer(OptimizerKind kind, double learningRate) {
  if (kind == OptimizerKind::Adam) return std::make_unique<nn::Adam>(learningRate);
  return std::make_unique<nn::Sgd>(learningRate);
}

}  // namespace miwb::mlp_training
