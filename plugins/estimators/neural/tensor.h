#pragma once
// Matrix type and portable random draws shared by the neural estimators.
// Networks compute in float64: the speed target is met without float, and finite-difference
// gradient checks of the same code stay meaningful.
#include <Eigen/Core>
#include <cstdint>
#include <random>
#include <vector>

namespace miwb::neural {

using Mat = Eigen::MatrixXd;  // rows are samples, columns features
using Index = Eigen::Index;

// Draws are written out here rather than taken from std distributions, whose output differs
// between standard libraries: a seed must give the same estimate everywhere.
inline double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
inline Index uniformIndex(std::mt19937_64& rng, Index n) {
  return static_cast<Index>(rng() % static_cast<std::uint64_t>(n));
}

// Fisher-Yates shuffle with the draws above.
void shuffle(std::vector<Index>& items, std::mt19937_64& rng);

}  // namespace miwb::neural
