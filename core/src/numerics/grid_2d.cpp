#include "miwb/numerics/grid_2d.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "miwb/numerics/bisection.h"
#include "miwb/numerics/nearest_list.h"

namespace miwb {
namespace {

// About this many points per cell. On Gaussian pairs at N = 1e5, 1, 2 and 4 ran alike (KSG 56-60 ms).
constexpr double kPointsPerCell = 2.0;
// balanced() requires the mean count of a point's own cell to stay at most this: four times the
// about 3 that evenly spread points give (a choice, not tuned); past it (strong dependence, clusters, many ties) the scans grow
// and a kd-tree, which adapts its cells to the data, is the better index.
constexpr double kCrowdedCell = 12.0;
// Edges come from every (n / kEdgeSample)-th value sorted: any increasing edges are correct, and
// quantiles of a sample are as good as exact ones for balance.
constexpr Index kEdgeSample = 4096;

std::vector<double> quantileEdges(const Matrix& column, Index side) {
  const Index n = column.rows();
  const Index step = std::max<Index>(1, n / kEdgeSample);
  std::vector<double> sample;
  for (Index i = 0; i < n; i += step) sample.push_back(column(i, 0));
  std::sort(sample.begin(), sample.end());
  std::vector<double> edges;
  for (Index c = 1; c < side; ++c) {
    const double edge = sample[static_cast<std::size_t>(c * static_cast<Index>(sample.size()) / side)];
    if (edges.empty() || edge > edges.back()) edges.push_back(edge);  // repeated values: fewer cells
  }
  return edges;
}

}  // namespace

Grid2d::Grid2d(const Matrix& left, const Matrix& right) : n_(left.rows()) {
  if (left.cols() != 1 || right.cols() != 1 || right.rows() != n_)
    throw std::invalid_argument("Grid2d: needs two single columns of equal length");
  if (n_ > std::numeric_limits<std::int32_t>::max()) throw std::length_error("Grid2d: more than 2^31 - 1 points");
  if (n_ == 0) return;
  const Index side = std::max<Index>(1, static_cast<Index>(std::sqrt(static_cast<double>(n_) / kPointsPerCell)));
  edges_[0] = quantileEdges(left, side);
  edges_[1] = quantileEdges(right, side);
  columns_ = static_cast<Index>(edges_[0].size()) + 1;
  rowsOfCells_ = static_cast<Index>(edges_[1].size()) + 1;
  const Index cells = columns_ * rowsOfCells_;

  // Counting sort by cell: counts, prefix sums, then placement in row order (stable).
  std::vector<std::int32_t> cellOfRow(static_cast<std::size_t>(n_));
  tbb::parallel_for(tbb::blocked_range<Index>(0, n_, 4096), [&](const tbb::blocked_range<Index>& range) {
    for (Index i = range.begin(); i != range.end(); ++i)
      cellOfRow[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(cellOf(1, right(i, 0)) * columns_ + cellOf(0, left(i, 0)));
  });
  start_.assign(static_cast<std::size_t>(cells + 1), 0);
  for (const std::int32_t cell : cellOfRow) ++start_[static_cast<std::size_t>(cell + 1)];
  double crowding = 0;
  for (Index c = 0; c < cells; ++c) {
    const double count = start_[static_cast<std::size_t>(c + 1)];
    crowding += count * count;
    start_[static_cast<std::size_t>(c + 1)] += start_[static_cast<std::size_t>(c)];
  }
  balanced_ = crowding / static_cast<double>(n_) <= kCrowdedCell;
  if (!balanced_) return;  // the caller uses a kd-tree; keep no data
  points_.resize(static_cast<std::size_t>(2 * n_));
  row_.resize(static_cast<std::size_t>(n_));
  std::vector<std::int32_t> next(start_.begin(), start_.end() - 1);
  for (Index i = 0; i < n_; ++i) {
    const auto p = static_cast<std::size_t>(next[static_cast<std::size_t>(cellOfRow[static_cast<std::size_t>(i)])]++);
    points_[2 * p] = left(i, 0);
    points_[2 * p + 1] = right(i, 0);
    row_[p] = static_cast<std::int32_t>(i);
  }
}

// The number of edges <= v.
Index Grid2d::cellOf(int axis, double v) const {
  const std::vector<double>& e = edges_[axis];
  return prefixLength(e.data(), static_cast<Index>(e.size()), [v](double edge) { return edge <= v; });
}

void Grid2d::nearestOfPositions(Index begin, Index end, int k, Index* rows, double* distances) const {
  for (Index p = begin; p < end; ++p) nearestOfPosition(p, k, rows + (p - begin) * k, distances + (p - begin) * k);
}

// Grows a rectangle of cells [c0, c1] x [r0, r1] around the query's cell, one side at a time, the
// side whose outer edge is nearest first. A point outside the rectangle lies beyond one of its
// edges, so its distance is at least that edge's distance (rounding is monotone, so also in
// floating point): once the nearest edge is farther than the k-th distance, nothing outside can enter.
void Grid2d::nearestOfPosition(Index p, int k, Index* rows, double* distances) const {
  const double* q = pointAt(p);
  const Index self = rowAt(p);
  NearestList best{rows, distances, k};
  auto scan = [&](Index cx, Index cy) {
    const Index cell = cy * columns_ + cx;
    for (Index i = start_[static_cast<std::size_t>(cell)]; i < start_[static_cast<std::size_t>(cell + 1)]; ++i) {
      const double d = std::max(std::fabs(points_[static_cast<std::size_t>(2 * i)] - q[0]),
                                std::fabs(points_[static_cast<std::size_t>(2 * i + 1)] - q[1]));
      const Index row = row_[static_cast<std::size_t>(i)];
      if (row != self) best.offer(d, row);
    }
  };
  const Index cx = cellOf(0, q[0]), cy = cellOf(1, q[1]);
  Index c0 = cx, c1 = cx, r0 = cy, r1 = cy;
  scan(cx, cy);
  const double inf = std::numeric_limits<double>::infinity();
  for (;;) {
    // Distance to the region beyond each side (infinite where the grid ends).
    const double left = c0 > 0 ? q[0] - edges_[0][static_cast<std::size_t>(c0 - 1)] : inf;
    const double right = c1 + 1 < columns_ ? edges_[0][static_cast<std::size_t>(c1)] - q[0] : inf;
    const double below = r0 > 0 ? q[1] - edges_[1][static_cast<std::size_t>(r0 - 1)] : inf;
    const double above = r1 + 1 < rowsOfCells_ ? edges_[1][static_cast<std::size_t>(r1)] - q[1] : inf;
    const double nearest = std::min(std::min(left, right), std::min(below, above));
    if (nearest == inf || nearest > best.worst()) return;
    if (nearest == left) {
      --c0;
      for (Index r = r0; r <= r1; ++r) scan(c0, r);
    } else if (nearest == right) {
      ++c1;
      for (Index r = r0; r <= r1; ++r) scan(c1, r);
    } else if (nearest == below) {
      --r0;
      for (Index c = c0; c <= c1; ++c) scan(c, r0);
    } else {
      ++r1;
      for (Index c = c0; c <= c1; ++c) scan(c, r1);
    }
  }
}

}  // namespace miwb
