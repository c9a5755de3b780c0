#pragma once
// Reads the resolved parameters of "mlp-training" into a training configuration, checking what the
// schema cannot (so direct calls that bypass the registry get the same clear messages).
#include "miwb/params.h"
#include "miwb/run_context.h"
#include "trainer.h"

namespace miwb::mlp_training {

struct TrainingRequest {
  std::string data;
  std::string savePath;
  std::string checkpointFolder;
  TrainingConfig config;
};

miwb::Status readTrainingParams(const miwb::Json& params, const miwb::RunContext& ctx, TrainingRequest& out);

}  // namespace miwb::mlp_training
