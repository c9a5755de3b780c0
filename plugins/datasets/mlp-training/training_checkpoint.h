#pragma once
// What a training run keeps in its folder so that a rerun continues where it stopped: after every
// recorded epoch, that epoch's activations (one file each, written once) and the whole training
// state (weights, optimizer moments, minibatch random state, metrics so far), replaced atomically.
// Resuming from the state repeats exactly the arithmetic an uninterrupted run does, so the result
// is bit-identical. A state written for other parameters (its fingerprint differs) is not used.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "miwb/status.h"
#include "network.h"

namespace miwb::mlp_training {

struct EpochMetrics {
  int epoch = 0;
  double trainLoss = 0, trainAccuracy = 0;
  double testAccuracy = 0;  // NaN without test rows
};

struct TrainingState {
  std::string fingerprint;  // of the parameters and data the run was started with
  int epoch = 0;            // epochs completed
  int recorded = 0;         // recorded epochs whose activations are on disk
  std::uint64_t batchState = 0;
  std::vector<Layer> layers;
  std::vector<double> optimizer;  // Optimizer::state()
  std::vector<EpochMetrics> metrics;
};

class TrainingCheckpoint {
 public:
  explicit TrainingCheckpoint(std::string folder) : folder_(std::move(folder)) {}

  // Reads the state; false (and `out` untouched) when there is none or it is for other parameters.
  // A state that exists but cannot be read is an error.
  Status load(const std::string& fingerprint, TrainingState& out, bool& found) const;
  Status save(const TrainingState& state) const;
  Status saveActivations(int epoch, const std::vector<miwb::Matrix>& layers) const;
  Status loadActivations(int epoch, std::vector<miwb::Matrix>& layers) const;

 private:
  std::string statePath() const { return folder_ + "/state.bin"; }
  std::string epochPath(int epoch) const { return folder_ + "/epoch-" + std::to_string(epoch) + ".bin"; }

  std::string folder_;
};

}  // namespace miwb::mlp_training
