#include "spectral_plugin.h"

#include "dse_estimator.h"
#include "dsmi_estimator.h"

namespace miwb::spectral {

miwb::Status SpectralEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                             std::unique_ptr<miwb::Estimator>& out) const {
  miwb::ParamReader read(params, estimatorId);
  const SpectralSettings settings = SpectralSettings::read(read);
  if (estimatorId == "dse") {
    MIWB_TRY(read.status());
    out = std::make_unique<DseEstimator>(settings);
  } else if (estimatorId == "dsmi") {
    const int repeats = read.get<int>("repeats");
    const int bins = read.get<int>("bins");
    MIWB_TRY(read.status());
    out = std::make_unique<DsmiEstimator>(settings, repeats, bins);
  } else {
    return miwb::Status::invalidInput("the spectral plugin offers no estimator '" + estimatorId + "'");
  }
  return miwb::Status::ok();
}

}  // namespace miwb::spectral
