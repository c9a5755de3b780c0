#include "kernel_settings.h"

namespace miwb::kernel {
namespace {

Status readWidth(const Json& params, const std::string& side, const std::string& owner, WidthSpec& out) {
  const std::string ruleName = "width_" + side, sigmaName = "sigma_" + side;
  if (!parseKernelWidthRule(params.at(ruleName).get<std::string>(), out.rule))
    return Status::invalidInput("parameter '" + ruleName + "' of '" + owner + "' must be median, silverman or fixed");
  out.sigma = params.at(sigmaName).get<double>();
  if (!(out.sigma > 0.0))
    return Status::invalidInput("parameter '" + sigmaName + "' of '" + owner + "' must be > 0, got " +
                                std::to_string(out.sigma));
  return Status::ok();
}

}  // namespace

Status KernelSettings::fromParams(const Json& params, const std::string& owner, KernelSettings& out) {
  MIWB_TRY(readWidth(params, "x", owner, out.x));
  MIWB_TRY(readWidth(params, "y", owner, out.y));
  out.maxSamples = maxSamplesParam(params);
  out.alpha = params.value("alpha", 1.0);
  return Status::ok();
}

}  // namespace miwb::kernel
