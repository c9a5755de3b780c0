#include "miwb/numerics/kdtree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

namespace miwb {

namespace {

// Above this many dimensions one leaf's points lie too far apart, relative to their neighbours, to
// share a useful search bound, and each point searching from the root is faster (measured: 10-D
// KSG at N = 1e5: 4.0 s with the shared walk, 2.8 s without).
constexpr Index kSharedWalkMaxDims = 4;

// Nodes of a tree over n points built by median splits until leaves hold at most leafSize: the
// shape depends on n alone (all-equal ranges stop early and use fewer).
std::size_t nodesFor(Index n, Index leafSize) {
  if (n <= leafSize) return 1;
  return 1 + nodesFor(n / 2, leafSize) + nodesFor(n - n / 2, leafSize);
}

}  // namespace

KdTree::KdTree(const Matrix& points, Index leafSize) : KdTree(points, Matrix(points.rows(), 0), leafSize) {}

KdTree::KdTree(const Matrix& left, const Matrix& right, Index leafSize)
    : n_(left.rows()), d_(left.cols() + right.cols()), leafSize_(std::max<Index>(1, leafSize)) {
  if (right.rows() != n_) throw std::invalid_argument("KdTree: the two blocks differ in their number of rows");
  if (n_ > std::numeric_limits<std::int32_t>::max()) throw std::length_error("KdTree: more than 2^31 - 1 points");
  points_.resize(static_cast<std::size_t>(n_ * d_));
  originalRow_.resize(static_cast<std::size_t>(n_));
  position_.resize(static_cast<std::size_t>(n_));
  const Index leftCols = left.cols();
  tbb::parallel_for(tbb::blocked_range<Index>(0, n_, 4096), [&](const tbb::blocked_range<Index>& range) {
    for (Index r = range.begin(); r != range.end(); ++r) {
      originalRow_[static_cast<std::size_t>(r)] = static_cast<std::int32_t>(r);
      double* point = &points_[static_cast<std::size_t>(r * d_)];
      for (Index j = 0; j < leftCols; ++j) point[j] = left(r, j);
      for (Index j = leftCols; j < d_; ++j) point[j] = right(r, j - leftCols);
    }
  });
  if (n_ == 0) return;
  // Subtrees are built in parallel and take node slots from a shared counter. Node numbers then
  // vary with scheduling, but the tree's shape, and so every answer, does not.
  const std::size_t capacity = nodesFor(n_, leafSize_);
  nodes_.resize(capacity);
  boxes_.resize(capacity * static_cast<std::size_t>(2 * d_));
  std::atomic<std::int32_t> nextNode{1};
  build(0, 0, n_, nextNode);
  nodes_.resize(static_cast<std::size_t>(nextNode.load()));
  boxes_.resize(nodes_.size() * static_cast<std::size_t>(2 * d_));
  tbb::parallel_for(tbb::blocked_range<Index>(0, n_, 4096), [&](const tbb::blocked_range<Index>& range) {
    for (Index p = range.begin(); p != range.end(); ++p)
      position_[static_cast<std::size_t>(originalRow_[static_cast<std::size_t>(p)])] = static_cast<std::int32_t>(p);
  });
}

void KdTree::swapPositions(Index a, Index b) {
  std::swap_ranges(&points_[static_cast<std::size_t>(a * d_)], &points_[static_cast<std::size_t>((a + 1) * d_)],
                   &points_[static_cast<std::size_t>(b * d_)]);
  std::swap(originalRow_[static_cast<std::size_t>(a)], originalRow_[static_cast<std::size_t>(b)]);
}

// Quickselect on whole rows (Hoare partition, median-of-three pivot; Wirth's scheme): afterwards
// the rows in [begin, mid) are <= the one at mid along `dim`, and those after it >= it. Working on
// the contiguous tree-order copy keeps the build cache-friendly; it is deterministic, so the tree
// does not depend on the thread count.
void KdTree::selectAlong(Index dim, Index begin, Index end, Index mid) {
  auto key = [&](Index p) { return points_[static_cast<std::size_t>(p * d_ + dim)]; };
  while (end - begin > 1) {
    const double a = key(begin), b = key(begin + (end - begin) / 2), c = key(end - 1);
    const double pivot = std::max(std::min(a, b), std::min(std::max(a, b), c));
    Index i = begin, j = end - 1;
    while (i <= j) {
      while (key(i) < pivot) ++i;
      while (key(j) > pivot) --j;
      if (i <= j) swapPositions(i++, j--);
    }
    // Now [begin, j] <= pivot, [i, end) >= pivot and everything strictly between equals it.
    if (mid <= j) end = j + 1;
    else if (mid >= i) begin = i;
    else return;
  }
}

void KdTree::build(std::int32_t id, Index begin, Index end, std::atomic<std::int32_t>& nextNode) {
  Node& node = nodes_[static_cast<std::size_t>(id)];
  node = Node{static_cast<std::int32_t>(begin), static_cast<std::int32_t>(end), -1, -1, 0, 0, 0};
  double* lo = boxLo(id);
  double* hi = lo + d_;
  for (Index j = 0; j < d_; ++j) {
    lo[j] = std::numeric_limits<double>::infinity();
    hi[j] = -std::numeric_limits<double>::infinity();
  }
  for (Index p = begin; p < end; ++p) {
    const double* point = &points_[static_cast<std::size_t>(p * d_)];
    for (Index j = 0; j < d_; ++j) {
      lo[j] = std::min(lo[j], point[j]);
      hi[j] = std::max(hi[j], point[j]);
    }
  }
  if (end - begin <= leafSize_) return;
  Index splitDim = 0;
  double widest = 0;
  for (Index j = 0; j < d_; ++j)
    if (hi[j] - lo[j] > widest) {
      widest = hi[j] - lo[j];
      splitDim = j;
    }
  if (widest == 0) return;  // all points equal: nothing to split
  // Median split keeps the tree balanced whatever the distribution.
  const Index mid = begin + (end - begin) / 2;
  selectAlong(splitDim, begin, end, mid);
  const std::int32_t left = nextNode.fetch_add(2);
  const std::int32_t right = left + 1;
  auto buildLeft = [&] { build(left, begin, mid, nextNode); };
  auto buildRight = [&] { build(right, mid, end, nextNode); };
  if (end - begin > 8192)
    tbb::parallel_invoke(buildLeft, buildRight);
  else {
    buildLeft();
    buildRight();
  }
  node.left = left;
  node.right = right;
  node.splitDim = static_cast<std::int32_t>(splitDim);
  node.leftMax = boxLo(left)[d_ + splitDim];
  node.rightMin = boxLo(right)[splitDim];
}

void KdTree::nearest(const double* query, int k, Index exclude, Index* rows, double* distances) const {
  Neighbours best{rows, distances, k};
  if (n_ > 0 && k > 0) searchNearest(0, query, 0.0, exclude, best);
}

// Pruning uses lower bounds on the distance to a cell computed from its extent; rounding is monotone,
// so fl(bound - q) never exceeds fl(p - q) for a point p beyond the bound, and pruning never drops
// a point that a brute-force loop would keep. Equal distances are still visited (tie goes to the
// lower row index).
void KdTree::searchNearest(std::int32_t nodeId, const double* query, double cellDistance, Index exclude,
                           Neighbours& best) const {
  if (cellDistance > best.worst()) return;
  const Node& node = nodes_[static_cast<std::size_t>(nodeId)];
  // The tight box can lie farther than the split planes say (in high dimensions, much farther).
  if (best.full() && boxDistance(nodeId, query) > best.worst()) return;
  if (node.left < 0) return scanLeaf(nodeId, query, exclude, best);
  const double q = query[node.splitDim];
  const double toLeft = q - node.leftMax;    // > 0: the query lies right of the left child
  const double toRight = node.rightMin - q;  // > 0: the query lies left of the right child
  if (toLeft < toRight) {
    searchNearest(node.left, query, std::max(cellDistance, toLeft), exclude, best);
    searchNearest(node.right, query, std::max(cellDistance, toRight), exclude, best);
  } else {
    searchNearest(node.right, query, std::max(cellDistance, toRight), exclude, best);
    searchNearest(node.left, query, std::max(cellDistance, toLeft), exclude, best);
  }
}

void KdTree::scanLeaf(std::int32_t leaf, const double* query, Index exclude, Neighbours& best) const {
  const Node& node = nodes_[static_cast<std::size_t>(leaf)];
  for (Index p = node.begin; p < node.end; ++p) {
    const double* point = &points_[static_cast<std::size_t>(p * d_)];
    const double worst = best.worst();
    double distance = 0;
    Index j = 0;
    for (; j < d_; ++j) {
      distance = std::max(distance, std::fabs(point[j] - query[j]));
      if (distance > worst) break;
    }
    if (j < d_) continue;
    const Index row = originalRow_[static_cast<std::size_t>(p)];
    if (row != exclude) best.offer(distance, row);
  }
}

double KdTree::boxDistance(std::int32_t nodeId, const double* query) const {
  const double* lo = boxLo(nodeId);
  const double* hi = lo + d_;
  double distance = 0;
  for (Index j = 0; j < d_; ++j) distance = std::max(distance, std::max(lo[j] - query[j], query[j] - hi[j]));
  return distance;
}

std::int32_t KdTree::leafOfPosition(Index p) const {
  std::int32_t id = 0;
  while (nodes_[static_cast<std::size_t>(id)].left >= 0) {
    const Node& node = nodes_[static_cast<std::size_t>(id)];
    id = p < nodes_[static_cast<std::size_t>(node.left)].end ? node.left : node.right;
  }
  return id;
}

// Box-to-box distance bounds the distance of any pair of points in them from below, also after
// rounding (as in searchNearest), so a leaf farther than `reach` holds no point that matters.
void KdTree::collectLeavesNear(std::int32_t nodeId, std::int32_t leaf, double reach,
                               std::vector<std::int32_t>& out) const {
  const double* lo = boxLo(nodeId);
  const double* hi = lo + d_;
  const double* leafLo = boxLo(leaf);
  const double* leafHi = leafLo + d_;
  for (Index j = 0; j < d_; ++j)
    if (lo[j] - leafHi[j] > reach || leafLo[j] - hi[j] > reach) return;
  const Node& node = nodes_[static_cast<std::size_t>(nodeId)];
  if (node.left >= 0) {
    collectLeavesNear(node.left, leaf, reach, out);
    collectLeavesNear(node.right, leaf, reach, out);
  } else if (nodeId != leaf) {
    out.push_back(nodeId);
  }
}

void KdTree::nearestOfPositions(Index begin, Index end, int k, Index* rows, double* distances) const {
  if (d_ > kSharedWalkMaxDims) {
    for (Index p = begin; p < end; ++p) nearest(pointAt(p), k, rowAt(p), rows + (p - begin) * k, distances + (p - begin) * k);
    return;
  }
  std::vector<std::int32_t> near;
  for (Index groupBegin = begin; groupBegin < end;) {
    const std::int32_t leaf = leafOfPosition(groupBegin);
    const Index groupEnd = std::min<Index>(end, nodes_[static_cast<std::size_t>(leaf)].end);
    // Each point's own leaf gives it k candidates (when it has k others), so a bound on how far
    // any of them needs to look.
    double reach = 0;
    for (Index p = groupBegin; p < groupEnd; ++p) {
      Neighbours best{rows + (p - begin) * k, distances + (p - begin) * k, k};
      scanLeaf(leaf, pointAt(p), rowAt(p), best);
      reach = std::max(reach, best.worst());
    }
    if (reach == std::numeric_limits<double>::infinity()) {
      // A leaf with fewer than k others (small leaves, large k): search from the root instead.
      for (Index p = groupBegin; p < groupEnd; ++p)
        nearest(pointAt(p), k, rowAt(p), rows + (p - begin) * k, distances + (p - begin) * k);
    } else {
      near.clear();
      collectLeavesNear(0, leaf, reach, near);
      for (Index p = groupBegin; p < groupEnd; ++p) {
        Neighbours best{rows + (p - begin) * k, distances + (p - begin) * k, k, k};
        const double* query = pointAt(p);
        for (const std::int32_t other : near)
          if (boxDistance(other, query) <= best.worst()) scanLeaf(other, query, rowAt(p), best);
      }
    }
    groupBegin = groupEnd;
  }
}

Index KdTree::count(const double* query, double r, bool inclusive) const {
  return n_ > 0 ? countNode(0, query, r, inclusive) : 0;
}

Index KdTree::countNode(std::int32_t nodeId, const double* query, double r, bool inclusive) const {
  const Node& node = nodes_[static_cast<std::size_t>(nodeId)];
  const double* lo = boxLo(nodeId);
  const double* hi = lo + d_;
  // Nearest and farthest possible distance from the query to a point in the box; both bound the
  // rounded distances of the points inside (see searchNearest).
  double nearestPossible = 0, farthestPossible = 0;
  for (Index j = 0; j < d_; ++j) {
    nearestPossible = std::max(nearestPossible, std::max(lo[j] - query[j], query[j] - hi[j]));
    farthestPossible = std::max(farthestPossible, std::max(query[j] - lo[j], hi[j] - query[j]));
  }
  if (inclusive ? nearestPossible > r : nearestPossible >= r) return 0;
  if (inclusive ? farthestPossible <= r : farthestPossible < r) return node.end - node.begin;
  if (node.left >= 0)
    return countNode(node.left, query, r, inclusive) + countNode(node.right, query, r, inclusive);
  Index inside = 0;
  for (Index p = node.begin; p < node.end; ++p) {
    const double* point = &points_[static_cast<std::size_t>(p * d_)];
    double distance = 0;
    for (Index j = 0; j < d_; ++j) distance = std::max(distance, std::fabs(point[j] - query[j]));
    inside += (inclusive ? distance <= r : distance < r) ? 1 : 0;
  }
  return inside;
}

}  // namespace miwb
