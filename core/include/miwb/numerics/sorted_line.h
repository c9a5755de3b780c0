#pragma once
// One-dimensional neighbour search on a sorted copy of the values: range counts by two binary
// searches (O(log n) whatever the count) and k-th neighbour distances by walking outwards from
// the query's place. Distances are |a - b| in double, exactly as a brute-force loop computes them: rounding of
// a - b is monotone in a, so the points within any radius form one contiguous run of the sorted
// values and the binary search finds the same set. All queries are const and thread-safe.
#include <vector>

#include "miwb/variable.h"

namespace miwb {

class SortedLine {
 public:
  // The values of column `column` of `points`, one per row.
  explicit SortedLine(const Matrix& points, Index column = 0);

  Index size() const { return static_cast<Index>(sorted_.size()); }
  double value(Index row) const { return values_[static_cast<std::size_t>(row)]; }

  // Number of rows with |x - value(row)| < r, resp. <= r; row itself is counted when 0 qualifies.
  Index countWithinOfRow(Index row, double r) const { return countWithin(value(row), r); }
  Index countWithinOrOnOfRow(Index row, double r) const { return countWithinOrOn(value(row), r); }
  // The same for an arbitrary point q.
  Index countWithin(double q, double r) const;
  Index countWithinOrOn(double q, double r) const;

  // The k smallest distances from row `row` to the other rows, ascending (k <= size() - 1).
  void nearestDistancesToRow(Index row, int k, double* distances) const;

 private:
  Index countAround(double q, double r, bool inclusive) const;

  std::vector<double> values_;  // in row order
  std::vector<double> sorted_;
};

}  // namespace miwb
