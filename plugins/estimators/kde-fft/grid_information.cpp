#include "grid_information.h"

#include <algorithm>
#include <cmath>

namespace miwb::kdefft {

namespace {

// Clips negatives to 0 and scales to sum 1; false when nothing is left.
bool normalise(std::vector<double>& values) {
  double total = 0.0;
  for (double& v : values) {
    v = std::max(v, 0.0);
    total += v;
  }
  if (!(total > 0.0)) return false;
  for (double& v : values) v /= total;
  return true;
}

}  // namespace

double gridMutualInformation(std::vector<double> grid, int rows, int columns) {
  if (!normalise(grid)) return 0.0;
  const auto r = static_cast<std::size_t>(rows), c = static_cast<std::size_t>(columns);
  std::vector<double> px(r, 0.0), py(c, 0.0);
  for (std::size_t i = 0; i < r; ++i)
    for (std::size_t j = 0; j < c; ++j) {
      px[i] += grid[i * c + j];
      py[j] += grid[i * c + j];
    }
  std::vector<double> logPy(c);
  for (std::size_t j = 0; j < c; ++j) logPy[j] = py[j] > 0.0 ? std::log(py[j]) : 0.0;
  double information = 0.0;
  for (std::size_t i = 0; i < r; ++i) {
    if (!(px[i] > 0.0)) continue;
    const double logPx = std::log(px[i]);
    const double* row = &grid[i * c];
    for (std::size_t j = 0; j < c; ++j)
      if (row[j] > 0.0) information += row[j] * (std::log(row[j]) - logPx - logPy[j]);
  }
  return std::max(0.0, information);  // >= 0 exactly; rounding can leave -1e-17
}

double mixtureMutualInformation(std::vector<std::vector<double>> densities, const std::vector<double>& weights) {
  if (densities.empty()) return 0.0;
  const std::size_t nodes = densities.front().size();
  std::vector<double> pooled(nodes, 0.0);
  std::vector<bool> present(densities.size(), false);
  for (std::size_t c = 0; c < densities.size(); ++c) {
    present[c] = normalise(densities[c]);
    if (present[c])
      for (std::size_t g = 0; g < nodes; ++g) pooled[g] += weights[c] * densities[c][g];
  }
  double information = 0.0;
  for (std::size_t c = 0; c < densities.size(); ++c) {
    if (!present[c]) continue;
    double divergence = 0.0;
    for (std::size_t g = 0; g < nodes; ++g) {
      const double f = densities[c][g];
      if (f > 0.0) divergence += f * (std::log(f) - std::log(pooled[g]));
    }
    information += weights[c] * divergence;
  }
  return std::max(0.0, information);
}

}  // namespace miwb::kdefft
