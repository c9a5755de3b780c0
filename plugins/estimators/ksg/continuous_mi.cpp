#include "continuous_mi.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <tbb/parallel_invoke.h>

#include "miwb/numerics/grid_2d.h"
#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/neighbour_index.h"
#include "miwb/numerics/special.h"
#include "miwb/numerics/tiled_neighbours.h"
#include "per_sample.h"

namespace miwb::ksg {
namespace {

using miwb::Index;

// Max-norm distance between rows a and b of m.
double rowDistance(const miwb::Matrix& m, Index a, Index b) {
  double d = 0;
  for (Index j = 0; j < m.cols(); ++j) d = std::max(d, std::fabs(m(a, j) - m(b, j)));
  return d;
}

// psi(k) + psi(N) (- 1/k for algorithm 2) is shared by all samples; the per-sample terms carry it
// so that their spread gives the standard error.
double sharedTerm(Index n, const Options& options) {
  return miwb::digamma(options.k) + miwb::digamma(static_cast<double>(n)) - (options.algorithm == 2 ? 1.0 / options.k : 0.0);
}

// Algorithm 2's marginal radii of sample i: the largest marginal distances to its k joint neighbours.
void marginalRadii(const miwb::Matrix& x, const miwb::Matrix& y, Index i, const Index* neighbours, int k, double& epsX,
                   double& epsY) {
  epsX = 0;
  epsY = 0;
  for (int j = 0; j < k; ++j) {
    epsX = std::max(epsX, rowDistance(x, i, neighbours[j]));
    epsY = std::max(epsY, rowDistance(y, i, neighbours[j]));
  }
}

// A sample's term from its marginal counts as the indexes give them, i itself included: algorithm
// 1 counts strictly within eps, so i is in them whenever eps > 0 (its distance 0 is then inside);
// algorithm 2 counts within or on, which always includes i, and the neighbour that sets each radius
// keeps the counts >= 1 after removing it.
double sampleTerm(double shared, int algorithm, double eps, Index countX, Index countY) {
  if (algorithm == 1) {
    const Index self = eps > 0 ? 1 : 0;
    return shared - miwb::digamma(static_cast<double>(countX - self + 1)) -
           miwb::digamma(static_cast<double>(countY - self + 1));
  }
  return shared - miwb::digamma(static_cast<double>(countX - 1)) - miwb::digamma(static_cast<double>(countY - 1));
}

// The per-sample KSG terms, in the joint index's order (a kd-tree's or a grid's), block by block:
// the points of one leaf or cell share work, and neighbouring queries touch the same memory.
template <class JointIndex>
miwb::Status sampleTerms(const JointIndex& joint, const miwb::Matrix& x, const miwb::Matrix& y,
                         const miwb::NeighbourIndex& xIndex, const miwb::NeighbourIndex& yIndex,
                         const Options& options, miwb::RunContext& ctx, std::vector<double>& terms) {
  const Index n = x.rows();
  const int k = options.k;
  const double shared = sharedTerm(n, options);
  terms.assign(static_cast<std::size_t>(n), 0.0);
  return forEachBlock(n, ctx, 0.1, 1.0, [&](Index begin, Index end) {
    std::vector<Index> rows(static_cast<std::size_t>((end - begin) * k));
    std::vector<double> distances(rows.size());
    joint.nearestOfPositions(begin, end, k, rows.data(), distances.data());
    for (Index position = begin; position < end; ++position) {
      const Index i = joint.rowAt(position);
      const double* point = joint.pointAt(position);  // x's coordinates, then y's
      const Index* neighbours = &rows[static_cast<std::size_t>((position - begin) * k)];
      const double eps = distances[static_cast<std::size_t>((position - begin) * k + k - 1)];
      double term = 0;
      if (options.algorithm == 1) {
        term = sampleTerm(shared, 1, eps, xIndex.countWithin(point, eps), yIndex.countWithin(point + x.cols(), eps));
      } else {
        double epsX = 0, epsY = 0;
        marginalRadii(x, y, i, neighbours, k, epsX, epsY);
        term = sampleTerm(shared, 2, eps, xIndex.countWithinOrOn(point, epsX),
                          yIndex.countWithinOrOn(point + x.cols(), epsY));
      }
      terms[static_cast<std::size_t>(i)] = term;
    }
  });
}

// The same terms from a scan of all pairs (wide data), block by block of rows: one pass for the
// joint neighbours, one for both marginal counts.
miwb::Status scannedTerms(const miwb::TiledNeighbours& joint, const miwb::Matrix& x, const miwb::Matrix& y,
                          const Options& options, miwb::RunContext& ctx, std::vector<double>& terms) {
  const Index n = x.rows();
  const int k = options.k;
  const double shared = sharedTerm(n, options);
  terms.assign(static_cast<std::size_t>(n), 0.0);
  return forEachBlock(n, ctx, 0.1, 1.0, [&](Index begin, Index end) {
    const auto m = static_cast<std::size_t>(end - begin);
    std::vector<Index> rows(m * static_cast<std::size_t>(k)), countX(m), countY(m);
    std::vector<double> distances(rows.size()), epsX(m), epsY(m);
    joint.nearestOfRows(begin, end, k, rows.data(), distances.data());
    for (std::size_t q = 0; q < m; ++q) {
      if (options.algorithm == 1)
        epsX[q] = epsY[q] = distances[q * static_cast<std::size_t>(k) + static_cast<std::size_t>(k) - 1];
      else
        marginalRadii(x, y, begin + static_cast<Index>(q), &rows[q * static_cast<std::size_t>(k)], k, epsX[q], epsY[q]);
    }
    joint.countOfRows(begin, end, epsX.data(), epsY.data(), options.algorithm == 2, countX.data(), countY.data());
    for (std::size_t q = 0; q < m; ++q)
      terms[static_cast<std::size_t>(begin) + q] =
          sampleTerm(shared, options.algorithm, epsX[q], countX[q], countY[q]);
  });
}

}  // namespace

miwb::Status continuousMi(const miwb::Matrix& x, const miwb::Matrix& y, const Options& options,
                          miwb::RunContext& ctx, miwb::Estimate& out) {
  out.details["method"] = options.algorithm == 1 ? "KSG algorithm 1" : "KSG algorithm 2";
  std::vector<double> terms;
  if (miwb::scanSuits(options.search, x.cols() + y.cols(), x.rows())) {
    const miwb::TiledNeighbours joint(x, y);
    if (!ctx.progress(0.1)) return miwb::Status::cancelled();
    MIWB_TRY(scannedTerms(joint, x, y, options, ctx, terms));
    out.details["search"] = "brute-force";
    summarize(terms, out);
    return miwb::Status::ok();
  }
  // One column each (the usual case): a grid of cells, unless the points crowd into few cells.
  // Otherwise a kd-tree; leaf sizes measured (bench/miwb-bench-neighbours, miwb-cli estimate): for
  // the joint kNN 16 in a few dimensions (leaf-by-leaf search) and 4 in ten (pruning matters more
  // there), for counting 32.
  std::unique_ptr<miwb::Grid2d> grid;
  std::unique_ptr<miwb::KdTree> jointTree;
  std::unique_ptr<miwb::NeighbourIndex> xIndex, yIndex;
  tbb::parallel_invoke(
      [&] {
        if (x.cols() == 1 && y.cols() == 1) grid = std::make_unique<miwb::Grid2d>(x, y);
        if (!grid || !grid->balanced())
          jointTree = std::make_unique<miwb::KdTree>(x, y, x.cols() + y.cols() <= 4 ? 16 : 4);
      },
      [&] { xIndex = std::make_unique<miwb::NeighbourIndex>(x, 32, miwb::NeighbourSearch::Tree); },
      [&] { yIndex = std::make_unique<miwb::NeighbourIndex>(y, 32, miwb::NeighbourSearch::Tree); });
  if (!ctx.progress(0.1)) return miwb::Status::cancelled();
  MIWB_TRY(jointTree ? sampleTerms(*jointTree, x, y, *xIndex, *yIndex, options, ctx, terms)
                     : sampleTerms(*grid, x, y, *xIndex, *yIndex, options, ctx, terms));
  out.details["search"] = jointTree ? "kd-tree" : "grid";
  summarize(terms, out);
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
