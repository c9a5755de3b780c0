#include "spectral_plugin.h"

#include "dse_estimator.h"
#include "dsmi_estimator.h"

namespace miwb::spectral {

miwb::Status SpectralEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                             std::unique_ptr<miwb::Estimator>& out) const {
  miwb::spectral::SpectralSettings settings;
  MIWB_TRY(miwb::spectral::SpectralSettings::fromParams(params, estimatorId, settings));
  if (estimatorId == "dse") out = std::make_unique<miwb::spectral::DseEstimator>(settings);
  else if (estimatorId == "dsmi") out = std::make_unique<miwb::spectral::DsmiEstimator>(settings);
  else return miwb::Status::invalidInput("the spectral plugin offers no estimator '" + estimatorId + "'");
  return miwb::Status::ok();
}

}  // namespace miwb::spectral
