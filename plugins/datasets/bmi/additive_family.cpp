#include "additive_family.h"

#include <cmath>

namespace miwb::bmi {

void AdditiveUniformDistribution::draw(Index n, Random& random, Matrix& x, Matrix& y) const {
  x.resize(n, 1);
  y.resize(n, 1);
  for (Index i = 0; i < n; ++i) {
    x(i, 0) = random.uniform();
    y(i, 0) = x(i, 0) + random.uniform(-noise_, noise_);
  }
}

double AdditiveUniformDistribution::mutualInformation() const {
  return noise_ <= 0.5 ? noise_ - std::log(2.0 * noise_) : 1.0 / (4.0 * noise_);
}

std::optional<double> AdditiveUniformDistribution::entropy(PairSide side) const {
  if (side == PairSide::X) return 0.0;
  return noise_ <= 0.5 ? noise_ : std::log(2.0 * noise_) + 1.0 / (4.0 * noise_);
}

}  // namespace miwb::bmi
