#pragma once
// Max-norm neighbour queries about the rows of a matrix, with the right structure for its width:
// a sorted array for one column, a kd-tree for a few, a tiled scan of all pairs for many
// (NeighbourSearch). Estimators that only need k-th neighbour distances and range counts (KSG
// marginals, Kozachenko-Leonenko, the mixed estimator) use this.
#include <memory>

#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/neighbour_search.h"
#include "miwb/numerics/sorted_line.h"
#include "miwb/numerics/tiled_neighbours.h"

namespace miwb {

class NeighbourIndex {
 public:
  // `leafSize` is the kd-tree's (see KdTree); it does not matter for one column or the scan.
  explicit NeighbourIndex(const Matrix& points, Index leafSize = 8,
                          NeighbourSearch search = NeighbourSearch::Automatic);

  Index size() const { return size_; }
  Index dims() const { return dims_; }

  // The k smallest max-norm distances from row `row` to the other rows, ascending (k <= size()-1).
  void nearestDistancesToRow(Index row, int k, double* distances) const;
  // The same for each row of [begin, end): distances [(i - begin) * k, (i - begin + 1) * k). A scan
  // answers a block of rows in one pass over the data, so prefer this where rows come in blocks.
  void nearestDistancesOfRows(Index begin, Index end, int k, double* distances) const;
  // Rows at distance < r, resp. <= r, from row `row`, counting `row` itself when 0 qualifies.
  Index countWithinOfRow(Index row, double r) const;
  Index countWithinOrOnOfRow(Index row, double r) const;
  // countWithinOfRow(i, radii[i - begin]) for each row i of [begin, end), into counts[i - begin].
  void countWithinOfRows(Index begin, Index end, const double* radii, Index* counts) const;
  // The same about any point (dims() coordinates), e.g. the slice of a joint-space point. Queries
  // issued in an order where neighbouring queries lie close (a kd-tree's) stay in cache this way,
  // where looking a row up would jump around memory.
  Index countWithin(const double* point, double r) const;
  Index countWithinOrOn(const double* point, double r) const;

 private:
  Index size_ = 0, dims_ = 0;
  std::unique_ptr<SortedLine> line_;  // exactly one of these is set
  std::unique_ptr<KdTree> tree_;
  std::unique_ptr<TiledNeighbours> scan_;
};

}  // namespace miwb
