#pragma once
// Turns the estimator's inputs into network inputs: a random train / held-out split, standardised
// with the training split's statistics (so nothing about the held-out data leaks into training).

#include "miwb/random.h"
#include "miwb/status.h"
#include "miwb/variable.h"
#include "neural_config.h"

namespace miwb::neural {

// Values as they are; a discrete-only variable becomes one-hot columns (one per distinct label).
Status toNetworkInput(const Variable& v, const std::string& name, Mat& out);

struct Split {
  Mat trainX, trainY, testX, testY;
};

// Checks that both parts hold at least one batch; the message names the parameter to change.
Status splitSamples(const Mat& x, const Mat& y, const NeuralConfig& config, miwb::Random& rng, Split& out);

}  // namespace miwb::neural
