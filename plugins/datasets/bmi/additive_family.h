#pragma once
// Additive uniform noise: X ~ U(0, 1), Y = X + U(-e, e). Y's density is a trapezoid, so
// H(Y) = e for e <= 1/2 and ln(2e) + 1/(4e) beyond, H(Y | X) = ln(2e) and
// I = e - ln(2e) for e <= 1/2, else 1/(4e).
#include "base_distribution.h"

namespace miwb::bmi {

class AdditiveUniformDistribution final : public BaseDistribution {
 public:
  explicit AdditiveUniformDistribution(double noise) : noise_(noise) {}
  void draw(Index n, Random& random, Matrix& x, Matrix& y) const override;
  double mutualInformation() const override;
  std::optional<double> entropy(PairSide side) const override;

 private:
  double noise_;
};

}  // namespace miwb::bmi
