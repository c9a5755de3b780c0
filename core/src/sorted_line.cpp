#include "miwb/numerics/sorted_line.h"

#include <algorithm>
#include <cmath>

#include <tbb/parallel_sort.h>

namespace miwb {

SortedLine::SortedLine(const Matrix& points, Index column) : values_(static_cast<std::size_t>(points.rows())) {
  for (std::size_t i = 0; i < values_.size(); ++i) values_[i] = points(static_cast<Index>(i), column);
  // Values alone, not (value, row) pairs: a row's place is found again by its value, and sorting
  // plain doubles is both faster and lighter on fresh memory, which is what costs most at this size.
  sorted_ = values_;
  tbb::parallel_sort(sorted_.begin(), sorted_.end());
}

Index SortedLine::countWithin(double q, double r) const {
  const auto at = std::lower_bound(sorted_.begin(), sorted_.end(), q) - sorted_.begin();
  return countAround(at, q, r, false);
}

Index SortedLine::countWithinOrOn(double q, double r) const {
  const auto at = std::lower_bound(sorted_.begin(), sorted_.end(), q) - sorted_.begin();
  return countAround(at, q, r, true);
}

// Gallops outwards from `at` (counts are usually small next to n), then bisects the last step.
Index SortedLine::countAround(Index at, double q, double r, bool inclusive) const {
  const Index n = size();
  auto inside = [&](Index i) {
    const double distance = std::fabs(sorted_[static_cast<std::size_t>(i)] - q);
    return inclusive ? distance <= r : distance < r;
  };
  // Right: first index >= at that is outside (distances grow to the right).
  Index inLast = at - 1, step = 1;  // inLast: an index known inside (or at - 1)
  Index outFirst = n;               // an index known outside (or n)
  while (inLast + step < n) {
    if (!inside(inLast + step)) {
      outFirst = inLast + step;
      break;
    }
    inLast += step;
    step *= 2;
  }
  while (outFirst - inLast > 1) {
    const Index mid = inLast + (outFirst - inLast) / 2;
    (inside(mid) ? inLast : outFirst) = mid;
  }
  const Index end = outFirst;
  // Left: last index < at that is outside (distances grow to the left).
  Index inFirst = at;  // an index known inside (or at)
  Index outLast = -1;  // an index known outside (or -1)
  step = 1;
  while (inFirst - step >= 0) {
    if (!inside(inFirst - step)) {
      outLast = inFirst - step;
      break;
    }
    inFirst -= step;
    step *= 2;
  }
  while (inFirst - outLast > 1) {
    const Index mid = outLast + (inFirst - outLast) / 2;
    (inside(mid) ? inFirst : outLast) = mid;
  }
  return end - inFirst;
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
