#include "kde_fft_plugin.h"

#include "kde_fft_estimator.h"
#include "miwb/param_reader.h"

namespace miwb::kdefft {

Status KdeFftEstimatorPlugin::create(const std::string& estimatorId, const Json& params,
                                     std::unique_ptr<Estimator>& out) const {
  if (estimatorId != "kde-fft")
    return Status::invalidInput("the kde-fft plugin offers 'kde-fft', not '" + estimatorId + "'");
  ParamReader read(params, estimatorId);
  KdeFftSettings settings;
  settings.grid = read.get<int>("grid");
  settings.rule = read.choice<BandwidthRule>(
      "bandwidth", {{"silverman", BandwidthRule::Silverman}, {"scott", BandwidthRule::Scott},
                    {"isj", BandwidthRule::ImprovedSheatherJones}});
  settings.kernel = read.choice<KernelShape>(
      "kernel", {{"gaussian", KernelShape::Gaussian}, {"epanechnikov", KernelShape::Epanechnikov},
                 {"biweight", KernelShape::Biweight}});
  MIWB_TRY(read.status());
  out = std::make_unique<KdeFftEstimator>(settings);
  return Status::ok();
}

}  // namespace miwb::kdefft
