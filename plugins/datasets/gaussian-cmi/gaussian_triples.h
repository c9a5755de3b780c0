#pragma once
// Jointly Gaussian triples (X_j, Y_j, Z_j) with a closed-form conditional MI (see gaussian_cmi.json
// for the construction). The correlations below are what the sampler draws, so the truths are those
// of the data, not of an approximation.
#include <optional>

#include "miwb/dataset.h"
#include "miwb/numerics/gaussian_maps.h"

namespace miwb::gaussian_cmi {

struct TripleSpec {
  Index dim = 1;
  double rhoXz = 0.0, strength = 0.0, through = 0.0;
  std::optional<miwb::GaussianMap> map;  // empty: values as drawn
};

// The correlations of one triple and the weights that produce them: Z = rho_xz X + sqrt(1 - rho_xz^2) U,
// Y = wx X + wz Z + sqrt(1 - strength) E with (wx, wz) = sqrt(strength) (1 - through, through) / sd(S).
struct TripleCorrelations {
  double wx = 0.0, wz = 0.0;
  double xy = 0.0, yz = 0.0, xz = 0.0;
  double partialXyGivenZ = 0.0;  // corr(X, Y | Z), exactly 0 when through = 1
};
TripleCorrelations tripleCorrelations(const TripleSpec& spec);

class GaussianTriples final : public miwb::PairSource {
 public:
  explicit GaussianTriples(const TripleSpec& spec) : spec_(spec), corr_(tripleCorrelations(spec)) {}

  miwb::Status sample(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y) const override;
  miwb::Status sampleConditioned(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y,
                                 miwb::Variable& z) const override;
  std::optional<double> trueMutualInformation() const override;
  std::optional<double> trueConditionalMutualInformation() const override;
  // X and Y have standard normal coordinates before the map.
  std::optional<double> trueEntropy(miwb::PairSide) const override;

 private:
  TripleSpec spec_;
  TripleCorrelations corr_;
};

}  // namespace miwb::gaussian_cmi
