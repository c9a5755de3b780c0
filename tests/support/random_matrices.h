#pragma once
// Seeded random test matrices shared by the estimator tests.
#include <cstdint>
#include <random>

#include "miwb/variable.h"

namespace miwb::testing {

// N(0, 1) entries, row by row from one mt19937_64 stream.
inline Matrix normalMatrix(Index n, Index d, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  Matrix m(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) m(i, j) = normal(rng);
  return m;
}

// Uniform entries on [-scale, scale), row by row from one mt19937_64 stream.
inline Matrix uniformMatrix(Index n, Index d, std::uint64_t seed, double scale = 1.0) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(-scale, scale);
  Matrix m(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) m(i, j) = uniform(rng);
  return m;
}

}  // namespace miwb::testing
