#pragma once
// One neural variational estimator (DV, MINE, NWJ, InfoNCE, SMILE or WDM): each call trains a
// fresh critic on a split of its data and reports the bound on the held-out part.
#include "miwb/estimator.h"
#include "neural_config.h"

namespace miwb::neural {

class NeuralEstimator final : public Estimator {
 public:
  explicit NeuralEstimator(NeuralConfig config) : config_(std::move(config)) {}
  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;

 private:
  Status estimate(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const;
  // Threads: set at construction, then only read. Each call builds its own split, critic, optimiser
  // and batch sampler (trainer.cpp), so concurrent calls share nothing that changes.
  NeuralConfig config_;
};

}  // namespace miwb::neural
