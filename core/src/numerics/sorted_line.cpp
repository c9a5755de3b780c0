#include "miwb/numerics/sorted_line.h"

#include <algorithm>
#include <cmath>

#include <tbb/parallel_sort.h>

#include "miwb/numerics/bisection.h"

namespace miwb {

SortedLine::SortedLine(const Matrix& points, Index column) : values_(static_cast<std::size_t>(points.rows())) {
  for (std::size_t i = 0; i < values_.size(); ++i) values_[i] = points(static_cast<Index>(i), column);
  // Values alone, not (value, row) pairs: a row's place is found again by its value, and sorting
  // plain doubles is both faster and lighter on fresh memory, which is what costs most at this size.
  sorted_ = values_;
  tbb::parallel_sort(sorted_.begin(), sorted_.end());
}

Index SortedLine::countWithin(double q, double r) const { return countAround(q, r, false); }

Index SortedLine::countWithinOrOn(double q, double r) const { return countAround(q, r, true); }

// The values outside the radius form a prefix (below q) and a suffix (above q) of the sorted
// values; |x - q| is evaluated exactly as a brute-force loop would. Two bisections over the whole
// array measured faster than galloping out from q's place (31 against 33 ms for KSG at N = 1e5):
// their first steps are shared by every query and stay in cache.
Index SortedLine::countAround(double q, double r, bool inclusive) const {
  if (!inclusive && r <= 0) return 0;  // nothing is strictly within 0, not even q itself
  auto outside = [&](double x) {
    const double distance = std::fabs(x - q);
    return inclusive ? distance > r : distance >= r;
  };
  const Index below = prefixLength(sorted_.data(), size(), [&](double x) { return x < q && outside(x); });
  const Index upToAbove = prefixLength(sorted_.data(), size(), [&](double x) { return x <= q || !outside(x); });
  return upToAbove - below;
}

void SortedLine::nearestDistancesToRow(Index row, int k, double* distances) const {
  // One of the copies of the row's value stands for the row itself; which one does not matter.
  const double q = value(row);
  const Index at = std::lower_bound(sorted_.begin(), sorted_.end(), q) - sorted_.begin();
  Index left = at - 1, right = at + 1;
  for (int i = 0; i < k; ++i) {
    const double dl = left >= 0 ? std::fabs(sorted_[static_cast<std::size_t>(left)] - q) : HUGE_VAL;
    const double dr = right < size() ? std::fabs(sorted_[static_cast<std::size_t>(right)] - q) : HUGE_VAL;
    if (dl <= dr) {
      distances[i] = dl;
      --left;
    } else {
      distances[i] = dr;
      ++right;
    }
  }
}

}  // namespace miwb
