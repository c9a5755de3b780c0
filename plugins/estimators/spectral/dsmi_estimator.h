#pragma once
// "dsmi": diffusion spectral mutual information (Liao et al. 2023) between a continuous Z and a
// discrete Y: DSMI = sum_y p(y) [mean over repeats of DSE(random n_y rows of Z) - DSE(Z | Y = y)].
// The unconditional term uses subsets of the class's size (as the authors do) so that both terms see
// the same number of points: DSE grows with N, and comparing unequal sizes would bias the difference.
#include "miwb/estimator.h"
#include "spectral_settings.h"

namespace miwb::spectral {

class DsmiEstimator final : public Estimator {
 public:
  // `repeats` random subsets per class for the unconditional term; `bins` intervals for a single
  // continuous conditioning column.
  DsmiEstimator(SpectralSettings settings, int repeats, int bins)
      : settings_(settings), repeats_(repeats), bins_(bins) {}

  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;

 private:
  SpectralSettings settings_;
  int repeats_;
  int bins_;
};

}  // namespace miwb::spectral
