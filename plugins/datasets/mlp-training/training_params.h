#pragma once
// Reads the resolved parameters of "mlp-training" (ranges already checked against the metadata's
// schema) into a training configuration, checking what the schema cannot express.
#include "miwb/params.h"
#include "miwb/run_context.h"
#include "trainer.h"

namespace miwb::mlp_training {

struct TrainingRequest {
  std::string data;
  std::string savePath;
  TrainingConfig config;
};

miwb::Status readTrainingParams(const miwb::Json& params, const miwb::RunContext& ctx, TrainingRequest& out);

}  // namespace miwb::mlp_training
