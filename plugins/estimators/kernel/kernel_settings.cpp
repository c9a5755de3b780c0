#include "kernel_settings.h"

namespace miwb::kernel {
namespace {

WidthSpec readWidth(ParamReader& params, const std::string& side) {
  WidthSpec out;
  const std::string rule = params.get<std::string>("width_" + side);
  params.require(parseKernelWidthRule(rule, out.rule), "width_" + side, "names no width rule: '" + rule + "'");
  out.sigma = params.get<double>("sigma_" + side);
  return out;
}

}  // namespace

KernelSettings KernelSettings::read(ParamReader& params) {
  KernelSettings out;
  out.x = readWidth(params, "x");
  out.y = readWidth(params, "y");
  out.maxSamples = params.get<Index>("max_samples");
  return out;
}

}  // namespace miwb::kernel
