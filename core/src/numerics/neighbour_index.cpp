#include "miwb/numerics/neighbour_index.h"

#include <vector>

namespace miwb {

NeighbourIndex::NeighbourIndex(const Matrix& points, Index leafSize, NeighbourSearch search)
    : size_(points.rows()), dims_(points.cols()) {
  if (scanSuits(search, dims_, size_))
    scan_ = std::make_unique<TiledNeighbours>(points);
  else if (dims_ == 1)
    line_ = std::make_unique<SortedLine>(points);
  else
    tree_ = std::make_unique<KdTree>(points, leafSize);
}

void NeighbourIndex::nearestDistancesToRow(Index row, int k, double* distances) const {
  if (line_) {
    line_->nearestDistancesToRow(row, k, distances);
    return;
  }
  constexpr int kOnStack = 32;
  Index rowsOnStack[kOnStack];
  std::vector<Index> rowsOnHeap(k > kOnStack ? static_cast<std::size_t>(k) : 0);
  Index* rows = k > kOnStack ? rowsOnHeap.data() : rowsOnStack;
  if (scan_)
    scan_->nearestOfRows(row, row + 1, k, rows, distances);
  else
    tree_->nearestToRow(row, k, rows, distances);
}

void NeighbourIndex::nearestDistancesOfRows(Index begin, Index end, int k, double* distances) const {
  if (!scan_) {
    for (Index i = begin; i < end; ++i) nearestDistancesToRow(i, k, distances + (i - begin) * k);
    return;
  }
  std::vector<Index> rows(static_cast<std::size_t>((end - begin) * k));
  scan_->nearestOfRows(begin, end, k, rows.data(), distances);
}

Index NeighbourIndex::countWithinOfRow(Index row, double r) const {
  if (scan_) {
    Index count = 0;
    scan_->countOfRows(row, row + 1, &r, nullptr, false, &count, nullptr);
    return count;
  }
  return line_ ? line_->countWithinOfRow(row, r) : tree_->countWithin(tree_->row(row), r);
}

Index NeighbourIndex::countWithinOrOnOfRow(Index row, double r) const {
  if (scan_) {
    Index count = 0;
    scan_->countOfRows(row, row + 1, &r, nullptr, true, &count, nullptr);
    return count;
  }
  return line_ ? line_->countWithinOrOnOfRow(row, r) : tree_->countWithinOrOn(tree_->row(row), r);
}

void NeighbourIndex::countWithinOfRows(Index begin, Index end, const double* radii, Index* counts) const {
  if (scan_) {
    scan_->countOfRows(begin, end, radii, nullptr, false, counts, nullptr);
    return;
  }
  for (Index i = begin; i < end; ++i) counts[i - begin] = countWithinOfRow(i, radii[i - begin]);
}

Index NeighbourIndex::countWithin(const double* point, double r) const {
  if (scan_) return scan_->countOfPoint(point, r, false);
  return line_ ? line_->countWithin(point[0], r) : tree_->countWithin(point, r);
}

Index NeighbourIndex::countWithinOrOn(const double* point, double r) const {
  if (scan_) return scan_->countOfPoint(point, r, true);
  return line_ ? line_->countWithinOrOn(point[0], r) : tree_->countWithinOrOn(point, r);
}

}  // namespace miwb
