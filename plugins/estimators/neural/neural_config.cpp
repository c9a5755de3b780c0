#include "neural_config.h"

#include <string>

namespace miwb::neural {

namespace {

// Work space a joint critic may take for one batch before the parameters are refused.
constexpr double kMaxJointCriticBytes = 4e9;

}  // namespace

Status NeuralConfig::fromParams(const std::string& id, const Json& params, NeuralConfig& out) {
  NeuralConfig c;
  c.id = id;
  if (!parseBound(id, c.bound)) return Status::invalidInput("the neural plugin offers no estimator '" + id + "'");
  const std::string critic = params.at("critic").get<std::string>();
  c.critic.kind = critic == "joint" ? CriticKind::Joint : CriticKind::Separable;
  for (const auto& width : params.at("hidden")) c.critic.hidden.push_back(width.get<Index>());
  if (c.critic.kind == CriticKind::Joint && c.critic.hidden.empty())
    return Status::invalidInput("parameter 'hidden' of '" + id + "' must list at least one layer for the joint critic");
  if (params.contains("embedding_dim")) c.critic.embedding = params.at("embedding_dim").get<Index>();
  if (!parseActivation(params.at("activation").get<std::string>(), c.critic.activation))
    return Status::invalidInput("parameter 'activation' of '" + id + "' must be relu, tanh or elu");
  c.batchSize = params.at("batch_size").get<Index>();
  c.learningRate = params.at("learning_rate").get<double>();
  c.steps = params.at("steps").get<Index>();
  c.testFraction = params.at("test_fraction").get<double>();
  c.evalEvery = params.at("eval_every").get<Index>();
  c.patience = params.at("patience").get<Index>();
  if (params.contains("tau")) c.tau = params.at("tau").get<double>();
  if (params.contains("ema_rate")) c.emaRate = params.at("ema_rate").get<double>();
  c.standardize = params.at("standardize").get<bool>();
  if (c.critic.kind == CriticKind::Joint) {
    // The joint critic keeps every layer's activations for all K^2 pairs of a batch.
    double perPair = 0.0;
    for (Index width : c.critic.hidden) perPair += 4.0 * static_cast<double>(width);  // pre, post, two gradients
    const double bytes = 8.0 * perPair * static_cast<double>(c.batchSize) * static_cast<double>(c.batchSize);
    if (bytes > kMaxJointCriticBytes)
      return Status::invalidInput("parameter 'batch_size' of '" + id + "' (" + std::to_string(c.batchSize) +
                                  ") is too large for the joint critic: its K^2 pairs would need about " +
                                  std::to_string(static_cast<long long>(bytes / 1e9 + 0.5)) + " GB; lower it or 'hidden'");
  }
  out = std::move(c);
  return Status::ok();
}

}  // namespace miwb::neural
