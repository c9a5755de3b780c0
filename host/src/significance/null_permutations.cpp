#include "miwb/host/significance/null_permutations.h"

#include <cmath>
#include <memory>
#include <numeric>
#include <string>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/neighbour_search.h"
#include "miwb/numerics/tiled_neighbours.h"
#include "miwb/run_context.h"

namespace miwb {
namespace {

// Columns centred and scaled to unit standard deviation; a constant column becomes 0.
Matrix standardized(const Matrix& values) {
  Matrix out = values;
  const auto n = static_cast<double>(values.rows());
  for (Index j = 0; j < out.cols(); ++j) {
    auto column = out.col(j);
    if (column.minCoeff() == column.maxCoeff()) {
      column.setZero();
      continue;
    }
    const double mean = column.sum() / n;
    const double sd = std::sqrt((column.array() - mean).square().sum() / n);
    column = (column.array() - mean) / sd;
  }
  return out;
}

// Each row's k - 1 nearest other rows (ties to the lower row, as the kd-tree and the scan both
// order them), after the row itself: n x k.
std::vector<Index> nearestWithSelf(const Matrix& points, int k) {
  const Index n = points.rows();
  std::vector<Index> out(static_cast<std::size_t>(n * k));
  if (k == 1) {
    std::iota(out.begin(), out.end(), Index{0});
    return out;
  }
  const int others = k - 1;
  const bool scan = scanSuits(NeighbourSearch::Automatic, points.cols(), n);
  std::unique_ptr<KdTree> tree;
  std::unique_ptr<TiledNeighbours> tiles;
  if (scan)
    tiles = std::make_unique<TiledNeighbours>(points);
  else
    tree = std::make_unique<KdTree>(points, 8);
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, 256), [&](const tbb::blocked_range<Index>& range) {
    std::vector<Index> rows(static_cast<std::size_t>(range.size()) * static_cast<std::size_t>(others));
    std::vector<double> distances(rows.size());
    if (tiles) {
      tiles->nearestOfRows(range.begin(), range.end(), others, rows.data(), distances.data());
    } else {
      for (Index i = range.begin(); i < range.end(); ++i) {
        const auto at = static_cast<std::size_t>((i - range.begin()) * others);
        tree->nearestToRow(i, others, &rows[at], &distances[at]);
      }
    }
    for (Index i = range.begin(); i < range.end(); ++i) {
      Index* list = &out[static_cast<std::size_t>(i * k)];
      list[0] = i;
      for (int j = 0; j < others; ++j) list[j + 1] = rows[static_cast<std::size_t>((i - range.begin()) * others + j)];
    }
  });
  return out;
}

Random drawRandom(std::uint64_t seed, std::uint64_t draw) { return Random(mixSeed(mixSeed(seed, "null permutation"), draw)); }

}  // namespace

NullPermutations NullPermutations::global(Index n) {
  NullPermutations out;
  out.scheme_ = PermutationScheme::Global;
  out.n_ = n;
  return out;
}

Status NullPermutations::local(const Variable& z, int neighbours, NullPermutations& out) {
  out = NullPermutations();
  out.scheme_ = PermutationScheme::Local;
  out.n_ = z.samples();
  if (!z.hasValues()) {
    const DenseLabels dense = denseLabels(z.labels());
    out.strata_.assign(dense.counts.size(), {});
    for (std::size_t i = 0; i < dense.codes.size(); ++i)
      out.strata_[static_cast<std::size_t>(dense.codes[i])].push_back(static_cast<Index>(i));
    return Status::ok();
  }
  if (neighbours < 1 || neighbours > out.n_)
    return Status::invalidInput("the local permutation's neighbours (" + std::to_string(neighbours) +
                                ") must lie between 1 and the number of samples (" + std::to_string(out.n_) + ")");
  out.k_ = neighbours;
  out.neighbours_ = nearestWithSelf(standardized(z.values()), neighbours);
  return Status::ok();
}

std::vector<Index> NullPermutations::rows(std::uint64_t seed, std::uint64_t draw) const {
  if (scheme_ == PermutationScheme::Global) return shuffled(seed, draw);
  return strata_.empty() ? amongNeighbours(seed, draw) : withinStrata(seed, draw);
}

std::vector<Index> NullPermutations::shuffled(std::uint64_t seed, std::uint64_t draw) const {
  std::vector<Index> rows(static_cast<std::size_t>(n_));
  std::iota(rows.begin(), rows.end(), Index{0});
  Random rng = drawRandom(seed, draw);
  rng.shuffle(rows);
  return rows;
}

std::vector<Index> NullPermutations::withinStrata(std::uint64_t seed, std::uint64_t draw) const {
  std::vector<Index> rows(static_cast<std::size_t>(n_));
  Random rng = drawRandom(seed, draw);
  for (const std::vector<Index>& members : strata_) {
    std::vector<Index> order = members;
    rng.shuffle(order);
    for (std::size_t m = 0; m < members.size(); ++m) rows[static_cast<std::size_t>(members[m])] = order[m];
  }
  return rows;
}

std::vector<Index> NullPermutations::amongNeighbours(std::uint64_t seed, std::uint64_t draw) const {
  Random rng = drawRandom(seed, draw);
  std::vector<Index> order(static_cast<std::size_t>(n_));
  std::iota(order.begin(), order.end(), Index{0});
  rng.shuffle(order);
  std::vector<Index> rows(static_cast<std::size_t>(n_));
  std::vector<bool> used(static_cast<std::size_t>(n_), false);
  std::vector<Index> candidates(static_cast<std::size_t>(k_));
  for (Index i : order) {
    const Index* list = &neighbours_[static_cast<std::size_t>(i * k_)];
    candidates.assign(list, list + k_);
    rng.shuffle(candidates);
    // The first unused neighbour in a random order is a random unused one; when all are used, the
    // last one in that order is a random one.
    std::size_t pick = 0;
    while (pick + 1 < candidates.size() && used[static_cast<std::size_t>(candidates[pick])]) ++pick;
    const Index chosen = candidates[pick];
    rows[static_cast<std::size_t>(i)] = chosen;
    used[static_cast<std::size_t>(chosen)] = true;
  }
  return rows;
}

}  // namespace miwb
