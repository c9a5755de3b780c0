#pragma once
// The parameters shared by "dse" and "dsmi", read once from the resolved parameter object.
#include <cstdint>
#include <string>

#include "miwb/numerics/kernels.h"
#include "miwb/param_reader.h"
#include "miwb/run_context.h"

namespace miwb::spectral {

struct SpectralSettings {
  KernelWidthRule widthRule = KernelWidthRule::Fixed;
  double sigma = 0.0;
  int t = 0;
  Index maxSamples = 0;
  Index eigenvalues = 0;  // 0: the full spectrum

  // The parameters both estimators take (their defaults and ranges live in spectral.json alone).
  static SpectralSettings read(ParamReader& params);

  // The kernel width for z: the fixed sigma, or the rule applied to z.
  double width(const Matrix& z, const RunContext& ctx) const;

  // Independent random streams, so that changing one draw never shifts another.
  static constexpr std::uint64_t kSubsampleStream = 0;
  static constexpr std::uint64_t kWidthStream = 1;
  static constexpr std::uint64_t kRepeatStream = 2;
};

}  // namespace miwb::spectral
