#include "conditional_mi.h"

#include <memory>
#include <vector>

#include <tbb/parallel_invoke.h>

#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/neighbour_index.h"
#include "miwb/numerics/special.h"
#include "miwb/numerics/tiled_neighbours.h"
#include "per_sample.h"

namespace miwb::ksg {
namespace {

using miwb::Index;

// The rows of a and b side by side.
miwb::Matrix sideBySide(const miwb::Matrix& a, const miwb::Matrix& b) {
  miwb::Matrix m(a.rows(), a.cols() + b.cols());
  m << a, b;
  return m;
}

// One sample's term from the subspace counts as the indexes give them, i itself included whenever
// its distance 0 is strictly within eps (eps > 0); with eps = 0 (k or more duplicates of the
// sample) nothing is strictly within and every count is 0.
double sampleTerm(double psiK, double eps, Index countXz, Index countYz, Index countZ) {
  const Index self = eps > 0 ? 1 : 0;
  return psiK - miwb::digamma(static_cast<double>(countXz - self + 1)) -
         miwb::digamma(static_cast<double>(countYz - self + 1)) + miwb::digamma(static_cast<double>(countZ - self + 1));
}

// The range-count indexes of the three subspaces. The joint point is stored as (x, z, y), so that
// (x, z) is its first dx + dz coordinates, (z, y) its last dz + dy and z the dz after x.
struct SubspaceIndexes {
  std::unique_ptr<miwb::NeighbourIndex> xz, zy, z;
};

}  // namespace

miwb::Status frenzelPompe(const miwb::Matrix& x, const miwb::Matrix& y, const miwb::Matrix& z, const Options& options,
                          miwb::RunContext& ctx, miwb::Estimate& out) {
  const Index n = x.rows(), dx = x.cols();
  const int k = options.k;
  const double psiK = miwb::digamma(k);
  const miwb::Matrix xz = sideBySide(x, z), zy = sideBySide(z, y);
  const bool scan = miwb::scanSuits(options.search, x.cols() + y.cols() + z.cols(), n);
  // Leaf sizes as for KSG's MI (measured there): 16 for the joint kNN in a few dimensions, 4 in
  // many, 32 for counting.
  std::unique_ptr<miwb::KdTree> jointTree;
  std::unique_ptr<miwb::TiledNeighbours> jointScan;
  SubspaceIndexes counts;
  tbb::parallel_invoke(
      [&] {
        if (scan)
          jointScan = std::make_unique<miwb::TiledNeighbours>(xz, y);
        else
          jointTree = std::make_unique<miwb::KdTree>(xz, y, xz.cols() + y.cols() <= 4 ? 16 : 4);
      },
      [&] { counts.xz = std::make_unique<miwb::NeighbourIndex>(xz, 32, options.search); },
      [&] { counts.zy = std::make_unique<miwb::NeighbourIndex>(zy, 32, options.search); },
      [&] { counts.z = std::make_unique<miwb::NeighbourIndex>(z, 32, options.search); });
  if (!ctx.progress(0.1)) return miwb::Status::cancelled();

  std::vector<double> terms(static_cast<std::size_t>(n), 0.0);
  if (jointTree) {
    // In the tree's order, block by block: neighbouring queries share nodes and stay in cache.
    MIWB_TRY(forEachBlock(n, ctx, 0.1, 1.0, [&](Index begin, Index end) {
      std::vector<Index> rows(static_cast<std::size_t>((end - begin) * k));
      std::vector<double> distances(rows.size());
      jointTree->nearestOfPositions(begin, end, k, rows.data(), distances.data());
      for (Index position = begin; position < end; ++position) {
        const double* point = jointTree->pointAt(position);
        const double eps = distances[static_cast<std::size_t>((position - begin) * k + k - 1)];
        terms[static_cast<std::size_t>(jointTree->rowAt(position))] =
            sampleTerm(psiK, eps, counts.xz->countWithin(point, eps), counts.zy->countWithin(point + dx, eps),
                       counts.z->countWithin(point + dx, eps));
      }
    }));
  } else {
    MIWB_TRY(forEachBlock(n, ctx, 0.1, 1.0, [&](Index begin, Index end) {
      const auto m = static_cast<std::size_t>(end - begin);
      std::vector<Index> rows(m * static_cast<std::size_t>(k)), countXz(m), countZy(m), countZ(m);
      std::vector<double> distances(rows.size()), eps(m);
      jointScan->nearestOfRows(begin, end, k, rows.data(), distances.data());
      for (std::size_t q = 0; q < m; ++q) eps[q] = distances[q * static_cast<std::size_t>(k) + static_cast<std::size_t>(k) - 1];
      counts.xz->countWithinOfRows(begin, end, eps.data(), countXz.data());
      counts.zy->countWithinOfRows(begin, end, eps.data(), countZy.data());
      counts.z->countWithinOfRows(begin, end, eps.data(), countZ.data());
      for (std::size_t q = 0; q < m; ++q)
        terms[static_cast<std::size_t>(begin) + q] = sampleTerm(psiK, eps[q], countXz[q], countZy[q], countZ[q]);
    }));
  }
  summarize(terms, out);
  out.details["method"] = "Frenzel-Pompe (KSG for I(X;Y|Z))";
  out.details["search"] = jointTree ? "kd-tree" : "brute-force";
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
