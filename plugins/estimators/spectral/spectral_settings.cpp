#include "spectral_settings.h"

namespace miwb::spectral {

SpectralSettings SpectralSettings::read(ParamReader& params) {
  SpectralSettings out;
  const std::string rule = params.get<std::string>("width");
  params.require(parseKernelWidthRule(rule, out.widthRule), "width", "names no width rule: '" + rule + "'");
  out.sigma = params.get<double>("sigma");
  out.t = params.get<int>("t");
  out.maxSamples = params.get<Index>("max_samples");
  out.eigenvalues = params.get<Index>("eigenvalues");
  return out;
}

double SpectralSettings::width(const Matrix& z, const RunContext& ctx) const {
  miwb::Random rng = ctx.random(kWidthStream);
  return kernelWidth(z, widthRule, sigma, rng);
}

}  // namespace miwb::spectral
