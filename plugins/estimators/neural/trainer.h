#pragma once
// Trains a critic on the training split with Adam and reports the bound on the held-out split.
// Every `eval_every` steps the bound is evaluated on the held-out batches (the same batches each
// time, so successive evaluations are compared on equal terms); the best critic is kept and
// training stops after `patience` evaluations without improvement. The reported value is the
// best evaluation: choosing the best of several noisy evaluations on the same held-out data biases
// it up by a fraction of its standard error, far below the bounds' own bias.
#include <optional>

#include "data_split.h"
#include "miwb/run_context.h"
#include "neural_config.h"

namespace miwb::neural {

// Random streams of ctx.rng, one per purpose, so that changing one use never shifts another.
constexpr std::uint64_t kSplitStream = 0, kInitStream = 1, kBatchStream = 2;

struct TrainingResult {
  double value = 0.0;                   // mean over held-out batches of the bound
  std::optional<double> standardError;  // across held-out batches (needs two or more)
  Index heldOutBatches = 0;
  Index stepsRun = 0;
  Index bestStep = 0;
  double lastTrainingValue = 0.0;       // the bound on the last training batch
};

Status trainAndEvaluate(const Split& data, const NeuralConfig& config, RunContext& ctx, TrainingResult& out);

}  // namespace miwb::neural
