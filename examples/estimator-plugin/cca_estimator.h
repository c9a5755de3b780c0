#pragma once
// Mutual information from canonical correlations (the CCA baseline of the bmi benchmark).
#include "miwb/estimator.h"

namespace miwb::cca {

class CcaEstimator final : public Estimator {
 public:
  explicit CcaEstimator(double ridge) : ridge_(ridge) {}

  // I = sum_i -1/2 ln(1 - r_i^2); details["canonical_correlations"] lists r_i, largest first.
  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;

 private:
  double ridge_;
};

}  // namespace miwb::cca
