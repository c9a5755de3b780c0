// The KDE kernel sums against the matrix product they are built on (bench/plane_scale.sh): the time of
// gaussianKernelLogMeans() on an N x d slice with C classes, and of the same Gram-block products alone
// (256 x 256 blocks, every pair I <= J, as the sums compute them, on the same threads, on the points
// as they are: no gathering or centring). The ratio says how close
// the fused kernel sums come to the GEMM limit.
//
//   miwb-bench-pairwise N D [THREADS] [CLASSES]     prints one JSON line
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "miwb/numerics/gemm.h"
#include "miwb/numerics/pairwise.h"

using miwb::Index;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: miwb-bench-pairwise N D [THREADS] [CLASSES]\n");
    return 2;
  }
  const Index n = std::atol(argv[1]), d = std::atol(argv[2]);
  const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
  const int classes = argc > 4 ? std::atoi(argv[4]) : 10;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::mt19937_64 rng(1);
  miwb::Matrix points(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < d; ++k) points(i, k) = static_cast<double>(rng() >> 11) * 0x1p-53 * 0.05;
  miwb::Labels labels(static_cast<std::size_t>(n));
  for (auto& l : labels) l = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(classes));
  const auto blocks = miwb::RowBlocks::byClass(miwb::denseLabels(labels));
  using Clock = std::chrono::steady_clock;

  auto start = Clock::now();
  miwb::KernelLogMeans sums;
  if (!miwb::gaussianKernelLogMeans(points, blocks, 0.1, miwb::RunContext(), sums).isOk()) return 1;
  const double kernelSeconds = std::chrono::duration<double>(Clock::now() - start).count();

  // The same Gram blocks as the wide path.
  const Index tile = 256, tiles = (n + tile - 1) / tile;
  std::vector<std::pair<Index, Index>> pairs;
  for (Index a = 0; a < tiles; ++a)
    for (Index b = a; b < tiles; ++b) pairs.emplace_back(a, b);
  start = Clock::now();
  tbb::parallel_for(std::size_t(0), pairs.size(), [&](std::size_t k) {
    const auto [a, b] = pairs[k];
    const Index ma = std::min(n, (a + 1) * tile) - a * tile, mb = std::min(n, (b + 1) * tile) - b * tile;
    std::vector<double> gram(static_cast<std::size_t>(ma * mb));
    miwb::multiplyByTranspose(points.data() + a * tile * d, d, points.data() + b * tile * d, d, ma, mb, d, gram.data());
  });
  const double gemmSeconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double flops = static_cast<double>(n) * static_cast<double>(n + tile) * static_cast<double>(d);
  std::printf("{\"n\": %ld, \"d\": %ld, \"threads\": %d, \"backend\": \"%s\", \"kernel_seconds\": %.4f, "
              "\"gemm_seconds\": %.4f, \"ratio\": %.3f, \"gemm_gflops\": %.2f}\n",
              static_cast<long>(n), static_cast<long>(d), threads, miwb::matrixProductBackend(), kernelSeconds,
              gemmSeconds, kernelSeconds / gemmSeconds, flops / gemmSeconds / 1e9);
  return 0;
}
