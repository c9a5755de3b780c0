#pragma once
// A kd-tree over the rows of a matrix for max-norm (Chebyshev) neighbour queries: k nearest
// neighbours and range COUNTING. Counting adds a whole subtree when its bounding box lies inside the
// ball, so it does not visit every point within the radius (that is where it beats nanoflann and
// scipy's cKDTree, which enumerate them).
//
// Distances are max_j |a_j - b_j| computed in double exactly as a brute-force loop would, and every
// pruning test is conservative under rounding, so results equal a brute-force search bit for bit.
// All queries are const and thread-safe; construction runs in parallel on the current task arena.
#include <atomic>
#include <cstdint>
#include <vector>

#include "miwb/numerics/nearest_list.h"
#include "miwb/variable.h"

namespace miwb {

class KdTree {
 public:
  // Copies the points (rows of `points`) into tree order. Leaves hold at most `leafSize` points
  // (more only when they are all equal):
  // small leaves suit kNN queries, larger ones (16-32) range counting (measured in bench/).
  // Throws std::length_error beyond 2^31 - 1 points (a constructor has no status to return).
  explicit KdTree(const Matrix& points, Index leafSize = 8);
  // A tree over the rows of [left right], the two blocks side by side, without forming that matrix.
  // Throws std::invalid_argument when the blocks differ in rows (a caller's bug).
  KdTree(const Matrix& left, const Matrix& right, Index leafSize = 8);

  Index size() const { return n_; }
  Index dims() const { return d_; }
  // Coordinates of original row `row` (dims() values).
  const double* row(Index row) const { return &points_[static_cast<std::size_t>(position_[static_cast<std::size_t>(row)] * d_)]; }
  // The original row at position p of the tree order. Queries issued in this order touch the tree
  // coherently (neighbouring queries share nodes), which is faster than the rows' own order.
  Index rowAt(Index p) const { return originalRow_[static_cast<std::size_t>(p)]; }
  // Coordinates of the point at position p of the tree order.
  const double* pointAt(Index p) const { return &points_[static_cast<std::size_t>(p * d_)]; }

  // The k rows nearest to `query`, skipping row `exclude` (-1: none), in order of (distance, row
  // index): ties in distance go to the lower row index, so the answer is unique. Requires
  // 1 <= k <= size() (size()-1 when excluding). Writes k entries to `rows` and `distances`.
  void nearest(const double* query, int k, Index exclude, Index* rows, double* distances) const;
  // The k nearest neighbours of row `row`, itself excluded.
  void nearestToRow(Index row, int k, Index* rows, double* distances) const {
    nearest(this->row(row), k, row, rows, distances);
  }

  // The k nearest neighbours of each point at positions [begin, end) of the tree order, itself
  // excluded: for position p, rows and distances [(p - begin) * k, (p - begin + 1) * k). The same
  // answers as nearest(pointAt(p), k, rowAt(p), ...), found faster: the points of one leaf share a
  // single walk of the tree, which collects the leaves near enough to matter for any of them.
  void nearestOfPositions(Index begin, Index end, int k, Index* rows, double* distances) const;

  // Number of rows at distance < r (strictly within) and <= r (within or on) of `query`.
  // A query that is itself a row counts itself whenever its distance 0 qualifies.
  Index countWithin(const double* query, double r) const { return count(query, r, false); }
  Index countWithinOrOn(const double* query, double r) const { return count(query, r, true); }

 private:
  struct Node {
    std::int32_t begin = 0, end = 0;  // points [begin, end) in tree order
    std::int32_t left = -1, right = -1;  // children, -1 for a leaf
    std::int32_t splitDim = 0;
    double leftMax = 0, rightMin = 0;  // the children's extent along splitDim
  };
  using Neighbours = NearestList;

  void build(std::int32_t id, Index begin, Index end, std::atomic<std::int32_t>& nextNode);
  void selectAlong(Index dim, Index begin, Index end, Index mid);
  void swapPositions(Index a, Index b);
  void searchNearest(std::int32_t node, const double* query, double cellDistance, Index exclude,
                     Neighbours& best) const;
  void scanLeaf(std::int32_t leaf, const double* query, Index exclude, Neighbours& best) const;
  std::int32_t leafOfPosition(Index p) const;
  // The node's box: d lower bounds, then d upper bounds.
  double* boxLo(std::int32_t node) { return &boxes_[static_cast<std::size_t>(node) * static_cast<std::size_t>(2 * d_)]; }
  const double* boxLo(std::int32_t node) const {
    return &boxes_[static_cast<std::size_t>(node) * static_cast<std::size_t>(2 * d_)];
  }
  // A lower bound on the distance from `query` to any point in the node's box (0 inside it).
  double boxDistance(std::int32_t node, const double* query) const;
  // Leaves other than `leaf` whose box lies within `reach` of that leaf's box.
  void collectLeavesNear(std::int32_t node, std::int32_t leaf, double reach, std::vector<std::int32_t>& out) const;
  Index count(const double* query, double r, bool inclusive) const;
  Index countNode(std::int32_t node, const double* query, double r, bool inclusive) const;

  Index n_ = 0, d_ = 0, leafSize_ = 8;
  std::vector<double> points_;      // n x d, row-major, in tree order
  // 32-bit positions and rows: every byte here is memory a query run touches first (at most 2^31 - 1 points).
  std::vector<std::int32_t> originalRow_;  // tree position -> original row
  std::vector<std::int32_t> position_;     // original row -> tree position
  std::vector<Node> nodes_;         // nodes_[0] is the root
  std::vector<double> boxes_;       // per node: d lower bounds, then d upper bounds (tight)
};

}  // namespace miwb
