#pragma once
// The parameters of "renyi" and "cauchy-schwarz", read once from the resolved parameter object.
#include <cstdint>
#include <string>

#include "miwb/numerics/kernels.h"
#include "miwb/params.h"

namespace miwb::kernel {

// How one side's Gaussian kernel width is chosen (labels always get the delta kernel).
struct WidthSpec {
  KernelWidthRule rule = KernelWidthRule::Median;
  double sigma = 1.0;  // for KernelWidthRule::Fixed
};

struct KernelSettings {
  WidthSpec x, y;
  std::optional<Index> maxSamples;  // unset: every row
  double alpha = 1.01;  // renyi only

  // Checks what the schema cannot (fixed widths > 0); `owner` is the estimator id for messages.
  static Status fromParams(const Json& params, const std::string& owner, KernelSettings& out);

  // Independent random streams, so that changing one draw never shifts another.
  static constexpr std::uint64_t kSubsampleStream = 0;
  static constexpr std::uint64_t kWidthStreamX = 1;
  static constexpr std::uint64_t kWidthStreamY = 2;
};

}  // namespace miwb::kernel
