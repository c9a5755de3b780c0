#pragma once
// Max-norm neighbour queries by scanning every pair, in tiles: k nearest neighbours and range counts
// over the rows of a matrix, for wide data. In many dimensions a kd-tree prunes almost nothing (the
// k-th neighbour lies nearly as far as any point) and pays for its walk on top; a scan of all pairs
// costs O(N^2 d) but runs at the core's SIMD rate. The points are stored column by column, so the
// loop over reference points vectorises; a tile is a few queries against a few hundred references,
// small enough to stay in L1 (memory O(tile), never N x N).
//
// Answers equal KdTree's bit for bit: distances are max_j |a_j - b_j| in double, as there (max and
// |a - b| are exact operations given the difference, and the difference is the same double either
// way round), and ties in distance go to the lower row index. All queries are const, serial and
// thread-safe: callers split the query rows over threads.
#include <vector>

#include "miwb/variable.h"

namespace miwb {

class TiledNeighbours {
 public:
  explicit TiledNeighbours(const Matrix& points);
  // The rows of [left right] without forming that matrix; counts are per block (the KSG marginals).
  // Throws std::invalid_argument when the blocks differ in rows (a caller's bug).
  TiledNeighbours(const Matrix& left, const Matrix& right);

  Index size() const { return n_; }
  Index dims() const { return d_; }
  Index leftDims() const { return leftDims_; }

  // The k nearest rows to each row i in [begin, end), i excluded, in order of (distance, row):
  // rows and distances [(i - begin) * k, (i - begin + 1) * k). Requires 1 <= k <= size() - 1.
  void nearestOfRows(Index begin, Index end, int k, Index* rows, double* distances) const;

  // For each row i in [begin, end): the rows whose distance from i over the left block's columns is
  // < leftRadius[i - begin] (<= when `inclusive`), and likewise over the right block's columns, row i
  // itself included when 0 qualifies. Both counts come from one scan. Without right columns
  // rightRadius and rightCounts may be null.
  void countOfRows(Index begin, Index end, const double* leftRadius, const double* rightRadius, bool inclusive,
                   Index* leftCounts, Index* rightCounts) const;

  // Rows at distance < r (<= r when `inclusive`) from `point` (dims() coordinates) over all columns.
  Index countOfPoint(const double* point, double r, bool inclusive) const;

 private:
  // Copies the coordinates of rows [begin, begin + count) into `out`, row-major.
  void gatherRows(Index begin, Index count, double* out) const;

  Index n_ = 0, d_ = 0, leftDims_ = 0;
  std::vector<double> columns_;  // n x d, column-major: column j at [j * n, (j + 1) * n)
};

}  // namespace miwb
