#include "gaussian_pairs.h"

#include <cmath>
#include <random>

GaussianPairs gaussianPairs(miwb::Index n, miwb::Index d, double rho, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  miwb::Matrix x(n, d), y(n, d);
  const double noise = std::sqrt(1.0 - rho * rho);
  for (miwb::Index i = 0; i < n; ++i)
    for (miwb::Index j = 0; j < d; ++j) {
      x(i, j) = normal(rng);
      y(i, j) = rho * x(i, j) + noise * normal(rng);
    }
  return {miwb::Variable::continuous(std::move(x)), miwb::Variable::continuous(std::move(y)),
          -0.5 * static_cast<double>(d) * std::log1p(-rho * rho)};
}

double rhoForMi(double nats, miwb::Index d) { return std::sqrt(-std::expm1(-2.0 * nats / static_cast<double>(d))); }
