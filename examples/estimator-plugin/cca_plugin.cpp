#include "cca_plugin.h"

#include "cca_estimator.h"

namespace miwb::cca {

Status CcaEstimatorPlugin::create(const std::string&, const Json& params, std::unique_ptr<Estimator>& out) const {
  // `params` is resolved against cca.json: every declared parameter is present and in range.
  out = std::make_unique<CcaEstimator>(params.at("ridge").get<double>());
  return Status::ok();
}

}  // namespace miwb::cca
