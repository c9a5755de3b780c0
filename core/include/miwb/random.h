#pragma once
// Random draws written out in the project, so that a seed gives the same numbers with every standard
// library: the engine is std::mt19937_64, whose output sequence the C++ standard fixes, while the
// standard's distributions (normal, uniform, gamma, shuffle) are left to each implementation.
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace miwb {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // 64 raw bits from the engine.
  std::uint64_t next() { return engine_(); }
  // Uniform on [0, 1) with 53 random bits (every multiple of 2^-53).
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal by Marsaglia's polar method; each accepted pair yields two draws.
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Uniform on 0..n-1 without modulo bias (rejection of the top 2^64 mod n values). n must be >= 1.
  std::uint64_t integer(std::uint64_t n);
  // Gamma(shape, scale 1), shape > 0, by Marsaglia and Tsang (2000); shape < 1 by boosting.
  double gamma(double shape);
  // Chi-square with `dof` > 0 degrees of freedom: 2 Gamma(dof / 2).
  double chiSquare(double dof) { return 2.0 * gamma(0.5 * dof); }

  // Fisher-Yates with integer(): every permutation equally likely.
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[integer(i)]);
  }

 private:
  std::mt19937_64 engine_;
  double spareNormal_ = 0.0;
  bool hasSpareNormal_ = false;
};

}  // namespace miwb
