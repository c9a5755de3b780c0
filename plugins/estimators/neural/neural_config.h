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
  Index batchSize = 128;
  double learningRate = 5e-4;
  Index steps = 5000;        // most optimiser steps
  double testFraction = 0.2;
  Index evalEvery = 100;     // steps between held-out evaluations
  Index patience = 10;       // evaluations without improvement before stopping
  double tau = 5.0;          // SMILE clipping
  double emaRate = 0.01;     // MINE moving-average rate
  bool standardize = true;

  // `params` is resolved against the schema; checks what the schema cannot express.
  static Status fromParams(const std::string& id, const Json& params, NeuralConfig& out);
};

}  // namespace miwb::neural
