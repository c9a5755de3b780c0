#include "birge_rozenholc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "miwb/numerics/discretise.h"

namespace miwb::binning {

int birgeRozenholcBins(const Matrix& values, double lo, double hi) {
  const auto n = static_cast<double>(values.size());
  if (!(lo < hi) || n < 3) return 1;
  const int maxBins = std::max(1, static_cast<int>(std::floor(n / std::log(n))));
  int best = 1;
  double bestScore = -std::numeric_limits<double>::infinity();
  std::vector<double> counts;
  for (int d = 1; d <= maxBins; ++d) {
    const BinEdges edges = BinEdges::uniform(lo, hi, d);
    counts.assign(static_cast<std::size_t>(d), 0.0);
    for (Index k = 0; k < values.size(); ++k) counts[static_cast<std::size_t>(edges.binOf(values.data()[k]))] += 1.0;
    double likelihood = 0.0;
    for (double c : counts)
      if (c > 0.0) likelihood += c * std::log(d * c / n);
    const double logD = std::log(static_cast<double>(d));
    const double score = likelihood - (d - 1 + std::pow(logD, 2.5));
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

}  // namespace miwb::binning
