#pragma once
// Max-norm k-nearest-neighbour search in two dimensions on a grid of cells: the joint space of KSG
// with one column per variable, its most common use. Cell edges sit at sample quantiles of each
// axis, so a cell holds a couple of points where the margins are smooth; a query scans its own
// cell and grows a rectangle of cells side by side while the nearest unscanned side is within its
// k-th distance. Building is two passes of counting sort, far cheaper than a kd-tree.
//
// Dependent or clustered data crowd points into a few cells; balanced() then says false and the
// caller should use a KdTree. Answers equal a brute-force search bit for bit (distances as
// max(|dx|, |dy|) in double, ties to the lower row), as the kd-tree's do.
#include <cstdint>
#include <vector>

#include "miwb/variable.h"

namespace miwb {

class Grid2d {
 public:
  // The points (left(i, 0), right(i, 0)): one column each. Throws std::invalid_argument when that
  // precondition is broken, std::length_error beyond 2^31 - 1 points.
  Grid2d(const Matrix& left, const Matrix& right);

  Index size() const { return n_; }
  // Points crowd no cell: a point's own cell holds few others on average.
  bool balanced() const { return balanced_; }

  // Points are stored cell by cell (when balanced); queries in this order touch memory coherently.
  Index rowAt(Index p) const { return row_[static_cast<std::size_t>(p)]; }
  const double* pointAt(Index p) const { return &points_[static_cast<std::size_t>(2 * p)]; }

  // As KdTree::nearestOfPositions: the k nearest neighbours of each point at positions
  // [begin, end), itself excluded, at rows/distances[(p - begin) * k ...]. Requires balanced()
  // (an unbalanced grid keeps no points) and k < size().
  void nearestOfPositions(Index begin, Index end, int k, Index* rows, double* distances) const;

 private:
  Index cellOf(int axis, double v) const;
  void nearestOfPosition(Index p, int k, Index* rows, double* distances) const;

  Index n_ = 0, columns_ = 1, rowsOfCells_ = 1;  // cells per axis
  bool balanced_ = false;
  std::vector<double> edges_[2];     // inner cell edges per axis; cell c holds [edges[c-1], edges[c])
  std::vector<double> points_;       // x, y per position, cell by cell (row-major: y cell, then x cell)
  std::vector<std::int32_t> row_;    // position -> original row
  std::vector<std::int32_t> start_;  // cell -> first position; start_[cells] = n
};

}  // namespace miwb
