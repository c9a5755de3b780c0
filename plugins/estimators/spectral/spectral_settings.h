#pragma once
// The parameters shared by "dse" and "dsmi", read once from the resolved parameter object.
#include <cstdint>
#include <string>

#include "miwb/numerics/kernels.h"
#include "miwb/params.h"
#include "miwb/run_context.h"

namespace miwb::spectral {

struct SpectralSettings {
  KernelWidthRule widthRule = KernelWidthRule::Fixed;
  double sigma = 10.0;
  int t = 1;
  std::optional<Index> maxSamples;  // unset: every row
  Index eigenvalues = 0;  // 0: the full spectrum
  int repeats = 5;  // dsmi only
  int bins = 10;    // dsmi only

  // Checks what the schema cannot (sigma > 0); `owner` is the estimator id for messages.
  static Status fromParams(const Json& params, const std::string& owner, SpectralSettings& out);

  // The kernel width for z: the fixed sigma, or the rule applied to z.
  double width(const Matrix& z, const RunContext& ctx) const;

  // Independent random streams, so that changing one draw never shifts another.
  static constexpr std::uint64_t kSubsampleStream = 0;
  static constexpr std::uint64_t kWidthStream = 1;
  static constexpr std::uint64_t kRepeatStream = 2;
};

}  // namespace miwb::spectral
