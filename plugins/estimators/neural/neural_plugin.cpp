#include "neural_plugin.h"

#include "neural_estimator.h"

namespace miwb::neural {

miwb::Status NeuralEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                           std::unique_ptr<miwb::Estimator>& out) const {
  miwb::neural::NeuralConfig config;
  MIWB_TRY(miwb::neural::NeuralConfig::fromParams(estimatorId, params, config));
  out = std::make_unique<miwb::neural::NeuralEstimator>(std::move(config));
  return miwb::Status::ok();
}

}  // namespace miwb::neural
