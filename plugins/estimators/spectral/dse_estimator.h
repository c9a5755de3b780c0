#pragma once
// "dse": the diffusion spectral entropy of one continuous variable (see diffusion_entropy.h).
#include "miwb/estimator.h"
#include "spectral_settings.h"

namespace miwb::spectral {

class DseEstimator final : public Estimator {
 public:
  explicit DseEstimator(SpectralSettings settings) : settings_(settings) {}

  // DSE is an entropy: it offers no I(X;Y) (use "dsmi").
  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;
  Status entropy(const Variable& x, RunContext& ctx, Estimate& out) const override;

 private:
  SpectralSettings settings_;
};

}  // namespace miwb::spectral
