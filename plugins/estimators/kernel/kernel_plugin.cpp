#include "kernel_plugin.h"

#include "cs_estimator.h"
#include "renyi_estimator.h"

namespace miwb::kernel {

miwb::Status KernelEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                           std::unique_ptr<miwb::Estimator>& out) const {
  miwb::kernel::KernelSettings settings;
  MIWB_TRY(miwb::kernel::KernelSettings::fromParams(params, estimatorId, settings));
  if (estimatorId == "renyi") out = std::make_unique<miwb::kernel::RenyiEstimator>(settings);
  else if (estimatorId == "cauchy-schwarz") out = std::make_unique<miwb::kernel::CauchySchwarzEstimator>(settings);
  else return miwb::Status::invalidInput("the kernel plugin offers no estimator '" + estimatorId + "'");
  return miwb::Status::ok();
}

}  // namespace miwb::kernel
