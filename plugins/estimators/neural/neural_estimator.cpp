#include "neural_estimator.h"

#include <cmath>
#include <new>

#include "data_split.h"
#include "trainer.h"

namespace miwb::neural {

Status NeuralEstimator::mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const {
  try {
    return estimate(x, y, ctx, out);
  } catch (const std::bad_alloc&) {
    return Status::failed("'" + config_.id + "' ran out of memory; lower 'batch_size' or 'hidden'");
  }
}

Status NeuralEstimator::estimate(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const {
  Mat mx, my;
  MIWB_TRY(toNetworkInput(x, "x", mx));
  MIWB_TRY(toNetworkInput(y, "y", my));
  Split split;
  miwb::Random splitRng = ctx.random(kSplitStream);
  MIWB_TRY(splitSamples(mx, my, config_, splitRng, split));
  TrainingResult result;
  MIWB_TRY(trainAndEvaluate(split, config_, ctx, result));
  out.valueNats = result.value;
  out.stderrNats = result.standardError;
  out.details = {{"held_out_batches", result.heldOutBatches},
                 {"train_samples", split.trainX.rows()},
                 {"held_out_samples", split.testX.rows()},
                 {"steps_run", result.stepsRun},
                 {"best_step", result.bestStep},
                 {"last_training_value", result.lastTrainingValue}};
  if (config_.bound == BoundKind::InfoNce) out.details["ceiling_nats"] = std::log(static_cast<double>(config_.batchSize));
  if (config_.bound == BoundKind::Wdm)
    out.details["note"] = "Wasserstein dependency measure in standardised input units, not nats";
  return Status::ok();
}

}  // namespace miwb::neural
