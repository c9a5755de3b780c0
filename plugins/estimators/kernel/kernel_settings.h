#pragma once
// The parameters of "renyi" and "cauchy-schwarz", read once from the resolved parameter object.
#include <cstdint>
#include <string>

#include "miwb/numerics/kernels.h"
#include "miwb/param_reader.h"

namespace miwb::kernel {

// How one side's Gaussian kernel width is chosen (labels always get the delta kernel).
struct WidthSpec {
  KernelWidthRule rule = KernelWidthRule::Median;
  double sigma = 0.0;  // for KernelWidthRule::Fixed
};

struct KernelSettings {
  WidthSpec x, y;
  Index maxSamples = 0;

  // The parameters both estimators take (their defaults and ranges live in kernel.json alone).
  static KernelSettings read(ParamReader& params);

  // Independent random streams, so that changing one draw never shifts another.
  static constexpr std::uint64_t kSubsampleStream = 0;
  static constexpr std::uint64_t kWidthStreamX = 1;
  static constexpr std::uint64_t kWidthStreamY = 2;
};

}  // namespace miwb::kernel
