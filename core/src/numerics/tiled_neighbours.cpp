#include "miwb/numerics/tiled_neighbours.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "miwb/numerics/nearest_list.h"
#include "simd_clones.h"

namespace miwb {

namespace {

// A tile: kQueries queries against kReferences references. Its distances (16 KB) and the four
// column chunks read per pass (8 KB) fit in a 32 KB L1; each chunk is reused by every query.
constexpr int kQueries = 8;
constexpr Index kReferences = 256;

// tile[q * kReferences + r] = max(tile[...], max_j |column_j[r0 + r] - query_q[j]|) over the G
// columns from j, for q < nq and r < nr (queries row-major, d coordinates each; columns n long).
// Every operation is exact given its operands (a difference, its absolute value, a max), so each
// SIMD clone and each grouping of the columns gives the same bits.
template <int G>
[[gnu::always_inline]] inline void maxOverColumns(const double* columns, Index n, Index j, const double* queries,
                                                  Index d, int nq, Index r0, Index nr, double* tile) {
  const double* c[G];
  for (int g = 0; g < G; ++g) c[g] = columns + (j + g) * n + r0;
  for (int q = 0; q < nq; ++q) {
    double v[G];
    for (int g = 0; g < G; ++g) v[g] = queries[q * d + j + g];
    double* __restrict out = tile + q * kReferences;
    for (Index r = 0; r < nr; ++r) {
      double m = out[r];
      for (int g = 0; g < G; ++g) m = std::max(m, std::fabs(c[g][r] - v[g]));
      out[r] = m;
    }
  }
}

// The tile's distances over columns [jBegin, jEnd): four columns per pass over the tile, so that
// it is loaded and stored a quarter as often as column by column.
MIWB_SIMD_CLONES
void maxDistances(const double* columns, Index n, Index jBegin, Index jEnd, const double* queries, Index d, int nq,
                  Index r0, Index nr, double* tile) {
  for (int q = 0; q < nq; ++q) std::fill_n(tile + q * kReferences, nr, 0.0);
  Index j = jBegin;
  for (; j + 4 <= jEnd; j += 4) maxOverColumns<4>(columns, n, j, queries, d, nq, r0, nr, tile);
  switch (jEnd - j) {
    case 3: maxOverColumns<3>(columns, n, j, queries, d, nq, r0, nr, tile); break;
    case 2: maxOverColumns<2>(columns, n, j, queries, d, nq, r0, nr, tile); break;
    case 1: maxOverColumns<1>(columns, n, j, queries, d, nq, r0, nr, tile); break;
    default: break;
  }
}

// Distances in [0, nr) below `radius` (or equal to it, when inclusive).
MIWB_SIMD_CLONES
Index countBelow(const double* distances, Index nr, double radius, bool inclusive) {
  Index count = 0;
  if (inclusive)
    for (Index r = 0; r < nr; ++r) count += distances[r] <= radius ? 1 : 0;
  else
    for (Index r = 0; r < nr; ++r) count += distances[r] < radius ? 1 : 0;
  return count;
}

}  // namespace

TiledNeighbours::TiledNeighbours(const Matrix& points) : TiledNeighbours(points, Matrix(points.rows(), 0)) {}

TiledNeighbours::TiledNeighbours(const Matrix& left, const Matrix& right)
    : n_(left.rows()), d_(left.cols() + right.cols()), leftDims_(left.cols()) {
  if (right.rows() != n_) throw std::invalid_argument("TiledNeighbours: the two blocks differ in their number of rows");
  columns_.resize(static_cast<std::size_t>(n_ * d_));
  for (Index i = 0; i < n_; ++i) {
    for (Index j = 0; j < leftDims_; ++j) columns_[static_cast<std::size_t>(j * n_ + i)] = left(i, j);
    for (Index j = leftDims_; j < d_; ++j) columns_[static_cast<std::size_t>(j * n_ + i)] = right(i, j - leftDims_);
  }
}

void TiledNeighbours::gatherRows(Index begin, Index count, double* out) const {
  for (Index q = 0; q < count; ++q)
    for (Index j = 0; j < d_; ++j) out[q * d_ + j] = columns_[static_cast<std::size_t>(j * n_ + begin + q)];
}

void TiledNeighbours::nearestOfRows(Index begin, Index end, int k, Index* rows, double* distances) const {
  std::vector<double> queries(static_cast<std::size_t>(kQueries * d_)), tile(static_cast<std::size_t>(kQueries * kReferences));
  for (Index first = begin; first < end; first += kQueries) {
    const int nq = static_cast<int>(std::min<Index>(kQueries, end - first));
    gatherRows(first, nq, queries.data());
    NearestList best[kQueries];
    for (int q = 0; q < nq; ++q) best[q] = {rows + (first - begin + q) * k, distances + (first - begin + q) * k, k};
    for (Index r0 = 0; r0 < n_; r0 += kReferences) {
      const Index nr = std::min(kReferences, n_ - r0);
      maxDistances(columns_.data(), n_, 0, d_, queries.data(), d_, nq, r0, nr, tile.data());
      // References come in ascending row order, so NearestList's tie rule (lower row first) holds
      // with a cheap pre-test: a candidate must be no farther than the current k-th.
      for (int q = 0; q < nq; ++q) {
        NearestList& list = best[q];
        const double* distance = &tile[static_cast<std::size_t>(q * kReferences)];
        const Index self = first + q;
        double worst = list.worst();
        // Once the list is full few references qualify: a vectorised count skips most tiles.
        if (list.full() && countBelow(distance, nr, worst, true) == 0) continue;
        for (Index r = 0; r < nr; ++r)
          if (distance[r] <= worst && r0 + r != self) {
            list.offer(distance[r], r0 + r);
            worst = list.worst();
          }
      }
    }
  }
}

void TiledNeighbours::countOfRows(Index begin, Index end, const double* leftRadius, const double* rightRadius,
                                  bool inclusive, Index* leftCounts, Index* rightCounts) const {
  std::vector<double> queries(static_cast<std::size_t>(kQueries * d_)), tile(static_cast<std::size_t>(kQueries * kReferences));
  const bool withRight = d_ > leftDims_;
  for (Index i = begin; i < end; ++i) {
    leftCounts[i - begin] = 0;
    if (withRight) rightCounts[i - begin] = 0;
  }
  for (Index first = begin; first < end; first += kQueries) {
    const int nq = static_cast<int>(std::min<Index>(kQueries, end - first));
    gatherRows(first, nq, queries.data());
    const Index at = first - begin;
    for (Index r0 = 0; r0 < n_; r0 += kReferences) {
      const Index nr = std::min(kReferences, n_ - r0);
      // One block after the other through the same tile: both fit in L1 only one at a time.
      maxDistances(columns_.data(), n_, 0, leftDims_, queries.data(), d_, nq, r0, nr, tile.data());
      for (int q = 0; q < nq; ++q)
        leftCounts[at + q] += countBelow(&tile[static_cast<std::size_t>(q * kReferences)], nr, leftRadius[at + q], inclusive);
      if (!withRight) continue;
      maxDistances(columns_.data(), n_, leftDims_, d_, queries.data(), d_, nq, r0, nr, tile.data());
      for (int q = 0; q < nq; ++q)
        rightCounts[at + q] += countBelow(&tile[static_cast<std::size_t>(q * kReferences)], nr, rightRadius[at + q], inclusive);
    }
  }
}

Index TiledNeighbours::countOfPoint(const double* point, double r, bool inclusive) const {
  std::vector<double> tile(static_cast<std::size_t>(kReferences));
  Index count = 0;
  for (Index r0 = 0; r0 < n_; r0 += kReferences) {
    const Index nr = std::min(kReferences, n_ - r0);
    maxDistances(columns_.data(), n_, 0, d_, point, d_, 1, r0, nr, tile.data());
    count += countBelow(tile.data(), nr, r, inclusive);
  }
  return count;
}

}  // namespace miwb
