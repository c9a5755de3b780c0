#include "miwb/numerics/sorted_line.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <tbb/parallel_sort.h>

namespace miwb {

SortedLine::SortedLine(const Matrix& points, Index column) {
  const Index rows = points.rows();
  if (rows > std::numeric_limits<std::int32_t>::max()) throw std::length_error("SortedLine: more than 2^31 - 1 rows");
  const auto n = static_cast<std::size_t>(rows);
  // Rows sorted by (value, row): a strict order, so a parallel sort gives the same result on any
  // thread count. Sorting 32-bit row numbers rather than (value, row) pairs touches a quarter of
  // the memory, and fresh memory is what costs most at this size.
  std::vector<std::int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  tbb::parallel_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    const double va = points(a, column), vb = points(b, column);
    return va < vb || (va == vb && a < b);
  });
  sorted_.resize(n);
  rank_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    sorted_[i] = points(order[i], column);
    rank_[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
  }
}

Index SortedLine::countWithin(double q, double r) const {
  const auto at = std::lower_bound(sorted_.begin(), sorted_.end(), q) - sorted_.begin();
  return countAround(at, q, r, false);
}

Index SortedLine::countWithinOrOn(double q, double r) const {
  const auto at = std::lower_bound(sorted_.begin(), sorted_.end(), q) - sorted_.begin();
  return countAround(at, q, r, true);
}

Index SortedLine::countAround(Index at, double r, bool inclusive) const {
  return countAround(at, sorted_[static_cast<std::size_t>(at)], r, inclusive);
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
  const Index at = rank_[static_cast<std::size_t>(row)];
  const double q = sorted_[static_cast<std::size_t>(at)];
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
