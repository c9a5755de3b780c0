#include "cca_plugin.h"

#include "cca_estimator.h"
#include "miwb/param_reader.h"

namespace miwb::cca {

Status CcaEstimatorPlugin::create(const std::string& estimatorId, const Json& params,
                                  std::unique_ptr<Estimator>& out) const {
  // `params` is resolved against cca.json, where the default and range are written (once).
  ParamReader read(params, estimatorId);
  const double ridge = read.get<double>("ridge");
  MIWB_TRY(read.status());
  out = std::make_unique<CcaEstimator>(ridge);
  return Status::ok();
}

}  // namespace miwb::cca
