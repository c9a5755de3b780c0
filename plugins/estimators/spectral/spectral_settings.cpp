#include "spectral_settings.h"

namespace miwb::spectral {

Status SpectralSettings::fromParams(const Json& params, const std::string& owner, SpectralSettings& out) {
  if (!parseKernelWidthRule(params.at("width").get<std::string>(), out.widthRule))
    return Status::invalidInput("parameter 'width' of '" + owner + "' must be median, silverman or fixed");
  out.sigma = params.at("sigma").get<double>();
  if (!(out.sigma > 0.0))
    return Status::invalidInput("parameter 'sigma' of '" + owner + "' must be > 0, got " + std::to_string(out.sigma));
  out.t = params.at("t").get<int>();
  out.maxSamples = params.at("max_samples").get<Index>();
  out.eigenvalues = params.at("eigenvalues").get<Index>();
  out.repeats = params.value("repeats", 1);
  out.bins = params.value("bins", 2);
  return Status::ok();
}

double SpectralSettings::width(const Matrix& z, const RunContext& ctx) const {
  miwb::Random rng = ctx.random(kWidthStream);
  return kernelWidth(z, widthRule, sigma, rng);
}

}  // namespace miwb::spectral
