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

// The per-sample KSG terms, in the joint index's order (a kd-tree's or a grid's), block by block:
// the points of one leaf or cell share work, and neighbouring queries touch the same memory.
template <class JointIndex>
miwb::Status sampleTerms(const JointIndex& joint, const miwb::Matrix& x, const miwb::Matrix& y,
                         const miwb::NeighbourIndex& xIndex, const miwb::NeighbourIndex& yIndex,
                         const Options& options, miwb::RunContext& ctx, std::vector<double>& terms) {
  const Index n = x.rows();
  const int k = options.k;
  // psi(k) + psi(N) (- 1/k for algorithm 2) is shared by all samples; the per-sample terms carry it
  // so that their spread gives the standard error.
  const double shared = miwb::digamma(k) + miwb::digamma(static_cast<double>(n)) - (options.algorithm == 2 ? 1.0 / k : 0.0);
  terms.assign(static_cast<std::size_t>(n), 0.0);
  return forEachBlock(n, ctx, 0.1, 1.0, [&](Index begin, Index end) {
    std::vector<Index> rows(static_cast<std::size_t>((end - begin) * k));
    std::vector<double> distances(rows.size());
    joint.nearestOfPositions(begin, end, k, rows.data(), distances.data());
    for (Index position = begin; position < end; ++position) {
      const Index i = joint.rowAt(position);
      const double* point = joint.pointAt(position);  // x's coordinates, then y's
      const Index* neighbours = &rows[static_cast<std::size_t>((position - begin) * k)];
      const double* neighbourDistances = &distances[static_cast<std::size_t>((position - begin) * k)];
      double term = shared;
      if (options.algorithm == 1) {
        const double eps = neighbourDistances[k - 1];
        // Counts include i itself whenever eps > 0 (its distance 0 is then strictly inside).
        const Index self = eps > 0 ? 1 : 0;
        const Index nx = xIndex.countWithin(point, eps) - self;
        const Index ny = yIndex.countWithin(point + x.cols(), eps) - self;
        term -= miwb::digamma(static_cast<double>(nx + 1)) + miwb::digamma(static_cast<double>(ny + 1));
      } else {
        double epsX = 0, epsY = 0;
        for (int j = 0; j < k; ++j) {
          epsX = std::max(epsX, rowDistance(x, i, neighbours[j]));
          epsY = std::max(epsY, rowDistance(y, i, neighbours[j]));
        }
        // Within-or-on always includes i itself; the neighbour that sets eps keeps the counts >= 1.
        const Index nx = xIndex.countWithinOrOn(point, epsX) - 1;
        const Index ny = yIndex.countWithinOrOn(point + x.cols(), epsY) - 1;
        term -= miwb::digamma(static_cast<double>(nx)) + miwb::digamma(static_cast<double>(ny));
      }
      terms[static_cast<std::size_t>(i)] = term;
    }
  });
}

}  // namespace

miwb::Status continuousMi(const miwb::Matrix& x, const miwb::Matrix& y, const Options& options,
                          miwb::RunContext& ctx, miwb::Estimate& out) {
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
      [&] { xIndex = std::make_unique<miwb::NeighbourIndex>(x, 32); },
      [&] { yIndex = std::make_unique<miwb::NeighbourIndex>(y, 32); });
  if (!ctx.progress(0.1)) return miwb::Status::cancelled();
  std::vector<double> terms;
  MIWB_TRY(jointTree ? sampleTerms(*jointTree, x, y, *xIndex, *yIndex, options, ctx, terms)
                     : sampleTerms(*grid, x, y, *xIndex, *yIndex, options, ctx, terms));
  summarize(terms, out);
  out.details["method"] = options.algorithm == 1 ? "KSG algorithm 1" : "KSG algorithm 2";
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
