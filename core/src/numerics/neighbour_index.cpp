#include "miwb/numerics/neighbour_index.h"

#include <vector>

namespace miwb {

NeighbourIndex::NeighbourIndex(const Matrix& points, Index leafSize) : size_(points.rows()), dims_(points.cols()) {
  if (dims_ == 1)
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
  tree_->nearestToRow(row, k, k > kOnStack ? rowsOnHeap.data() : rowsOnStack, distances);
}

Index NeighbourIndex::countWithinOfRow(Index row, double r) const {
  return line_ ? line_->countWithinOfRow(row, r) : tree_->countWithin(tree_->row(row), r);
}

Index NeighbourIndex::countWithinOrOnOfRow(Index row, double r) const {
  return line_ ? line_->countWithinOrOnOfRow(row, r) : tree_->countWithinOrOn(tree_->row(row), r);
}

Index NeighbourIndex::countWithin(const double* point, double r) const {
  return line_ ? line_->countWithin(point[0], r) : tree_->countWithin(point, r);
}

Index NeighbourIndex::countWithinOrOn(const double* point, double r) const {
  return line_ ? line_->countWithinOrOn(point[0], r) : tree_->countWithinOrOn(point, r);
}

}  // namespace miwb
