// Max-norm kd-tree and sorted line (miwb) against nanoflann on the KSG workload: Gaussian pairs
// (X, Y) with d columns each; kNN (k = 3, self excluded) in the joint space, then counts in the X
// marginal within each sample's k-th neighbour distance.
//
// nanoflann has no max-norm (its cell bound is a sum over dimensions), so it runs the same workload
// in its native Euclidean norm: kNN with L2 and marginal counts within each sample's L2 k-th
// neighbour distance, through a result set that only counts. The counters `mean_count` show how many
// points each side's counts cover. Queries run single-threaded: this compares the structures, not
// the pool (miwb's tree build is parallel above 8192 points; run with --benchmark_filter to pick).
// For one column per side, the ksg plugin's own path is the 2-D grid (buildGrid, knnGrid) and the
// tree's leaf-by-leaf search (knnMiwbByLeaf), both answering all points in their storage order.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nanoflann.hpp>
#include <random>
#include <vector>

#include "miwb/numerics/grid_2d.h"
#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/neighbour_index.h"

namespace {

using miwb::Index;
using miwb::Matrix;
constexpr int kNeighbours = 3;
// The leaf sizes the ksg plugin uses: small for kNN (16 up to 4 dimensions, 4 above), large for counting.
Index knnLeaf(const Matrix& m) { return m.cols() <= 4 ? 16 : 4; }
constexpr Index kCountLeaf = 32;

struct MatrixAdaptor {
  const Matrix& m;
  std::size_t kdtree_get_point_count() const { return static_cast<std::size_t>(m.rows()); }
  double kdtree_get_pt(std::size_t i, std::size_t j) const { return m(static_cast<Index>(i), static_cast<Index>(j)); }
  template <class Box>
  bool kdtree_get_bbox(Box&) const { return false; }
};
using NanoTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, MatrixAdaptor>,
                                                     MatrixAdaptor, -1, std::size_t>;

// Counts points with squared distance < radius; never stores them.
struct CountingResultSet {
  double radius;
  std::size_t count = 0;
  std::size_t size() const { return count; }
  bool full() const { return true; }
  bool addPoint(double distance, std::size_t) {
    if (distance < radius) ++count;
    return true;
  }
  double worstDist() const { return radius; }
};

struct Workload {
  Matrix joint, x;
  std::vector<double> epsMax;        // max-norm k-th neighbour distance in the joint space
  std::vector<double> eps2Squared;   // squared Euclidean k-th neighbour distance
};

const Workload& workload(Index n, Index d) {
  static std::map<std::pair<Index, Index>, std::unique_ptr<Workload>> cache;
  auto& slot = cache[{n, d}];
  if (slot) return *slot;
  slot = std::make_unique<Workload>();
  Workload& w = *slot;
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal;
  w.joint.resize(n, 2 * d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) {
      const double a = normal(rng), b = normal(rng);
      w.joint(i, j) = a;
      w.joint(i, d + j) = 0.6 * a + 0.8 * b;
    }
  w.x = w.joint.leftCols(d);
  const miwb::KdTree tree(w.joint);
  MatrixAdaptor adaptor{w.joint};
  NanoTree nano(static_cast<std::size_t>(2 * d), adaptor, nanoflann::KDTreeSingleIndexAdaptorParams(10));
  w.epsMax.resize(static_cast<std::size_t>(n));
  w.eps2Squared.resize(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) {
    Index rows[kNeighbours];
    double dist[kNeighbours];
    tree.nearestToRow(i, kNeighbours, rows, dist);
    w.epsMax[static_cast<std::size_t>(i)] = dist[kNeighbours - 1];
    std::size_t idx[kNeighbours + 1];
    double d2[kNeighbours + 1];
    nano.knnSearch(&w.joint(i, 0), kNeighbours + 1, idx, d2);
    w.eps2Squared[static_cast<std::size_t>(i)] = d2[kNeighbours];
  }
  return w;
}

void knnMiwb(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  const miwb::KdTree tree(w.joint, knnLeaf(w.joint));
  for (auto _ : state) {
    double sum = 0;
    for (Index i = 0; i < w.joint.rows(); ++i) {
      Index rows[kNeighbours];
      double dist[kNeighbours];
      tree.nearestToRow(i, kNeighbours, rows, dist);
      sum += dist[kNeighbours - 1];
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * w.joint.rows());
}

void knnNanoflann(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  MatrixAdaptor adaptor{w.joint};
  NanoTree nano(static_cast<std::size_t>(w.joint.cols()), adaptor, nanoflann::KDTreeSingleIndexAdaptorParams(10));
  for (auto _ : state) {
    double sum = 0;
    for (Index i = 0; i < w.joint.rows(); ++i) {
      std::size_t idx[kNeighbours + 1];  // + 1: the query itself is in the tree
      double d2[kNeighbours + 1];
      nano.knnSearch(&w.joint(i, 0), kNeighbours + 1, idx, d2);
      sum += d2[kNeighbours];
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * w.joint.rows());
}

void buildMiwb(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  for (auto _ : state) {
    miwb::KdTree tree(w.joint, knnLeaf(w.joint));
    benchmark::DoNotOptimize(tree.size());
  }
}

void buildNanoflann(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  MatrixAdaptor adaptor{w.joint};
  for (auto _ : state) {
    NanoTree nano(static_cast<std::size_t>(w.joint.cols()), adaptor, nanoflann::KDTreeSingleIndexAdaptorParams(10));
    benchmark::DoNotOptimize(&nano);
  }
}

// Marginal counts with the structure KSG uses (sorted line in 1-D, kd-tree otherwise)...
void countMiwb(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  const miwb::NeighbourIndex index(w.x, kCountLeaf);
  double total = 0;
  for (auto _ : state) {
    Index sum = 0;
    for (Index i = 0; i < w.x.rows(); ++i) sum += index.countWithinOfRow(i, w.epsMax[static_cast<std::size_t>(i)]);
    benchmark::DoNotOptimize(sum);
    total = static_cast<double>(sum);
  }
  state.counters["mean_count"] = total / static_cast<double>(w.x.rows());
  state.SetItemsProcessed(state.iterations() * w.x.rows());
}

// ...and with the kd-tree even in 1-D, to show what subtree counting alone buys.
void countMiwbTree(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  const miwb::KdTree tree(w.x, kCountLeaf);
  double total = 0;
  for (auto _ : state) {
    Index sum = 0;
    for (Index i = 0; i < w.x.rows(); ++i) sum += tree.countWithin(tree.row(i), w.epsMax[static_cast<std::size_t>(i)]);
    benchmark::DoNotOptimize(sum);
    total = static_cast<double>(sum);
  }
  state.counters["mean_count"] = total / static_cast<double>(w.x.rows());
  state.SetItemsProcessed(state.iterations() * w.x.rows());
}

void countNanoflann(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  MatrixAdaptor adaptor{w.x};
  NanoTree nano(static_cast<std::size_t>(w.x.cols()), adaptor, nanoflann::KDTreeSingleIndexAdaptorParams(10));
  double total = 0;
  for (auto _ : state) {
    std::size_t sum = 0;
    for (Index i = 0; i < w.x.rows(); ++i) {
      CountingResultSet result{w.eps2Squared[static_cast<std::size_t>(i)]};
      nano.radiusSearchCustomCallback(&w.x(i, 0), result, nanoflann::SearchParams());
      sum += result.count;
    }
    benchmark::DoNotOptimize(sum);
    total = static_cast<double>(sum);
  }
  state.counters["mean_count"] = total / static_cast<double>(w.x.rows());
  state.SetItemsProcessed(state.iterations() * w.x.rows());
}

// All points' kNN through nearestOfPositions, in the structure's own order, 256 at a time as the
// plugin asks.
template <class Index2>
double allNearest(const Index2& index, Index n) {
  std::vector<Index> rows(256 * kNeighbours);
  std::vector<double> dist(rows.size());
  double sum = 0;
  for (Index begin = 0; begin < n; begin += 256) {
    const Index end = std::min(n, begin + 256);
    index.nearestOfPositions(begin, end, kNeighbours, rows.data(), dist.data());
    for (Index p = 0; p < end - begin; ++p) sum += dist[static_cast<std::size_t>(p * kNeighbours + kNeighbours - 1)];
  }
  return sum;
}

void knnMiwbByLeaf(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  const miwb::KdTree tree(w.joint, knnLeaf(w.joint));
  for (auto _ : state) benchmark::DoNotOptimize(allNearest(tree, w.joint.rows()));
  state.SetItemsProcessed(state.iterations() * w.joint.rows());
}

void buildGrid(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  if (w.joint.cols() != 2) return state.SkipWithError("the grid is for one column per side");
  const Matrix x = w.joint.col(0), y = w.joint.col(1);
  for (auto _ : state) {
    miwb::Grid2d grid(x, y);
    benchmark::DoNotOptimize(grid.balanced());
  }
}

void knnGrid(benchmark::State& state) {
  const Workload& w = workload(state.range(0), state.range(1));
  if (w.joint.cols() != 2) return state.SkipWithError("the grid is for one column per side");
  const miwb::Grid2d grid(w.joint.col(0), w.joint.col(1));
  for (auto _ : state) benchmark::DoNotOptimize(allNearest(grid, w.joint.rows()));
  state.SetItemsProcessed(state.iterations() * w.joint.rows());
}

// {N, d per side}
void workloads(benchmark::internal::Benchmark* b) {
  b->Args({100000, 1})->Args({100000, 5})->Args({1000000, 1})->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(buildMiwb)->Apply(workloads);
BENCHMARK(buildNanoflann)->Apply(workloads);
BENCHMARK(knnMiwb)->Apply(workloads);
BENCHMARK(knnNanoflann)->Apply(workloads);
BENCHMARK(knnMiwbByLeaf)->Apply(workloads);
BENCHMARK(buildGrid)->Apply(workloads);
BENCHMARK(knnGrid)->Apply(workloads);
BENCHMARK(countMiwb)->Apply(workloads);
BENCHMARK(countMiwbTree)->Apply(workloads);
BENCHMARK(countNanoflann)->Apply(workloads);
BENCHMARK_MAIN();
