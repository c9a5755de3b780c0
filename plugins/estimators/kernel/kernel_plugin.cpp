#include "kernel_plugin.h"

#include "cs_estimator.h"
#include "renyi_estimator.h"

namespace miwb::kernel {

miwb::Status KernelEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                           std::unique_ptr<miwb::Estimator>& out) const {
  miwb::ParamReader read(params, estimatorId);
  const KernelSettings settings = KernelSettings::read(read);
  if (estimatorId == "renyi") {
    const double alpha = read.get<double>("alpha");
    MIWB_TRY(read.status());
    out = std::make_unique<RenyiEstimator>(settings, alpha);
  } else if (estimatorId == "cauchy-schwarz") {
    MIWB_TRY(read.status());
    out = std::make_unique<CauchySchwarzEstimator>(settings);
  } else {
    return miwb::Status::invalidInput("the kernel plugin offers no estimator '" + estimatorId + "'");
  }
  return miwb::Status::ok();
}

}  // namespace miwb::kernel
