#include "neural_config.h"

#include <optional>
#include <string>

#include "joint_critic.h"
#include "miwb/param_reader.h"

namespace miwb::neural {

namespace {

// Work space a joint critic may take for one batch before the parameters are refused.
constexpr double kMaxJointCriticBytes = 4e9;

}  // namespace

Status NeuralConfig::fromParams(const std::string& id, const Json& params, NeuralConfig& out) {
  NeuralConfig c;
  c.id = id;
  if (!parseBound(id, c.bound)) return Status::invalidInput("the neural plugin offers no estimator '" + id + "'");
  ParamReader read(params, id);
  c.critic.kind = read.choice<CriticKind>("critic", {{"separable", CriticKind::Separable}, {"joint", CriticKind::Joint}});
  c.critic.hidden = read.get<std::vector<Index>>("hidden");
  read.require(c.critic.kind == CriticKind::Separable || !c.critic.hidden.empty(), "hidden",
               "must list at least one layer for the joint critic");
  // Only the separable critic has embeddings (wdm, always joint, does not offer the parameter).
  if (c.critic.kind == CriticKind::Separable) c.critic.embedding = read.get<Index>("embedding_dim");
  c.critic.precision = read.choice<Precision>("precision", {{"float64", Precision::Float64}, {"float32", Precision::Float32}});
  read.require(c.critic.kind == CriticKind::Joint || c.critic.precision == Precision::Float64, "precision",
               "float32 applies to the joint critic's pair kernels only; use 'critic' joint or leave it at float64");
  const std::string activation = read.get<std::string>("activation");
  const std::optional<nn::Activation> act = nn::activationFromName(activation);
  read.require(act.has_value(), "activation", "names an activation this plugin lacks: '" + activation + "'");
  if (act) c.critic.activation = *act;
  c.batchSize = read.get<Index>("batch_size");
  c.learningRate = read.get<double>("learning_rate");
  c.steps = read.get<Index>("steps");
  c.testFraction = read.get<double>("test_fraction");
  c.evalEvery = read.get<Index>("eval_every");
  c.patience = read.get<Index>("patience");
  if (c.bound == BoundKind::Smile) c.tau = read.get<double>("tau");
  if (c.bound == BoundKind::Mine) c.emaRate = read.get<double>("ema_rate");
  c.standardize = read.get<bool>("standardize");
  MIWB_TRY(read.status());
  if (c.critic.kind == CriticKind::Joint) {
    const double bytes = JointCritic::workBytes(c.batchSize, c.critic.hidden.front());
    if (bytes > kMaxJointCriticBytes)
      return Status::invalidInput("parameter 'batch_size' of '" + id + "' (" + std::to_string(c.batchSize) +
                                  ") is too large for the joint critic: its K^2 scores and their gradients would need about " +
                                  std::to_string(static_cast<long long>(bytes / 1e9 + 0.5)) + " GB; lower it");
  }
  out = std::move(c);
  return Status::ok();
}

}  // namespace miwb::neural
