#pragma once
// Trains a network on labelled data with minibatches and records every layer's activations for all
// samples at chosen epochs. Training runs on the calling thread (its updates are sequential anyway);
// recording evaluates all samples in fixed row chunks that run in parallel, so the numbers are
// bit-identical for any thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "miwb/run_context.h"
#include "miwb/status.h"
#include "network.h"
#include "optimizer.h"
#include "training_data.h"

namespace miwb::mlp_training {

struct TrainingConfig {
  // Filled from the parameters, whose defaults live in mlp_training.json alone.
  std::vector<int> hidden;
  Activation activation = Activation::Tanh;
  OptimizerKind optimizer = OptimizerKind::Adam;
  WeightInit init = WeightInit::TruncatedNormal;
  double learningRate = 0.0;
  int batchSize = 0;
  int epochs = 0;
  std::vector<int> recordEpochs;  // sorted, unique, within 1..epochs
  double weightDecay = 0.0;
  double trainFraction = 0.0;
  bool randomSplit = false;
  std::uint64_t seed = 0;
  // When set, the run records into this folder as it goes and continues from its last recorded
  // epoch there (see training_checkpoint.h); `fingerprint` tells whose state a folder holds.
  std::string checkpointFolder;
  std::string fingerprint;
};

struct TrainingRecord {
  std::vector<std::string> layers;                  // "layer1".."layerL", "output"
  std::vector<int> epochs;                          // = config.recordEpochs
  std::vector<bool> trainMask;
  std::vector<std::vector<miwb::Matrix>> activations;  // [layer][epoch], N x units, post-activation
};

// Reports progress and, per epoch, the metrics "train loss" and "train accuracy" (averaged over the
// epoch's minibatches as they were seen, as Keras reports them) and "test accuracy" (of the network at
// the end of the epoch; absent without test rows). Returns Cancelled as soon as the context asks
// (checked before every minibatch). With a checkpoint folder holding a state for the same
// fingerprint, training continues after its last recorded epoch (the metrics of the epochs before
// are reported again, so that live views show the whole run) with a result identical to a run that
// was never interrupted.
miwb::Status trainAndRecord(const TrainingData& data, const TrainingConfig& config, miwb::RunContext& ctx,
                            TrainingRecord& out);

// The recorded layers' names ("layer1".."layerL", "output") and which of n rows train, as
// trainAndRecord() makes them.
std::vector<std::string> recordedLayers(const TrainingConfig& config);
std::vector<bool> trainingRows(std::size_t n, const TrainingConfig& config);

}  // namespace miwb::mlp_training
