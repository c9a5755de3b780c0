#pragma once
// The settings of one neural estimator, read from its resolved parameters.
#include <string>

#include "bounds.h"
#include "critic.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb::neural {

struct NeuralConfig {
  std::string id;  // estimator id, used in messages
  BoundKind bound = BoundKind::Dv;
  CriticShape critic;
  // Filled from the parameters, whose defaults live in neural.json alone.
  Index batchSize = 0;
  double learningRate = 0.0;
  Index steps = 0;           // most optimiser steps
  double testFraction = 0.0;
  Index evalEvery = 0;       // steps between held-out evaluations
  Index patience = 0;        // evaluations without improvement before stopping
  double tau = 0.0;          // SMILE clipping (smile only)
  double emaRate = 0.0;      // MINE moving-average rate (mine only)
  bool standardize = false;

  // `params` is resolved against the schema; checks what the schema cannot express.
  static Status fromParams(const std::string& id, const Json& params, NeuralConfig& out);
};

}  // namespace miwb::neural
