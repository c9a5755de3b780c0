#include "miwb/numerics/pairwise.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace miwb {

double squaredDistance(const double* a, const double* b, Index dims) {
  // Four partial sums in a fixed order: fast (the compiler can vectorise them) and the same bits
  // on every thread, whatever the alignment of the rows.
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  Index k = 0;
  for (; k + 4 <= dims; k += 4) {
    const double t0 = a[k] - b[k], t1 = a[k + 1] - b[k + 1], t2 = a[k + 2] - b[k + 2], t3 = a[k + 3] - b[k + 3];
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  for (; k < dims; ++k) {
    const double t = a[k] - b[k];
    s0 += t * t;
  }
  return (s0 + s1) + (s2 + s3);
}

double logSumExp(const std::vector<double>& v) {
  if (v.empty()) return -std::numeric_limits<double>::infinity();
  const double m = *std::max_element(v.begin(), v.end());
  if (!std::isfinite(m)) return m;
  double s = 0.0;
  for (double x : v) s += std::exp(x - m);
  return m + std::log(s);
}

namespace {

// Runs body(i) for every row in parallel, checking for cancellation and reporting progress.
template <class Body>
Status forEachRow(Index n, const RunContext& ctx, Body&& body) {
  std::atomic<bool> stop{false};
  std::atomic<Index> done{0};
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, 8), [&](const tbb::blocked_range<Index>& r) {
    if (stop.load(std::memory_order_relaxed)) return;
    for (Index i = r.begin(); i < r.end(); ++i) body(i);
    const Index finished = done.fetch_add(static_cast<Index>(r.size())) + static_cast<Index>(r.size());
    if (!ctx.progress(static_cast<double>(finished) / static_cast<double>(n))) stop.store(true);
  });
  return stop.load() ? Status::cancelled() : Status::ok();
}

}  // namespace

Status gaussianKernelLogMeans(const Matrix& points, const std::vector<Index>& blockStarts, double variance,
                              const RunContext& ctx, KernelLogMeans& out) {
  const Index n = points.rows(), d = points.cols();
  if (!(variance > 0.0) || !std::isfinite(variance))
    return Status::invalidInput("the kernel variance must be a positive number");
  if (blockStarts.size() < 2 || blockStarts.front() != 0 || blockStarts.back() != n ||
      !std::is_sorted(blockStarts.begin(), blockStarts.end()))
    return Status::invalidInput("the kernel blocks must be increasing row ranges covering all rows");
  const double scale = -0.5 / variance;
  out.all.assign(static_cast<std::size_t>(n), 0.0);
  out.block.assign(static_cast<std::size_t>(n), 0.0);
  return forEachRow(n, ctx, [&](Index i) {
    const auto next = std::upper_bound(blockStarts.begin(), blockStarts.end(), i);
    const Index begin = *(next - 1), end = *next;
    const double* pi = points.data() + i * d;
    double sumAll = 0.0, sumBlock = 0.0;
    for (Index j = 0; j < n; ++j) {
      const double k = std::exp(scale * squaredDistance(pi, points.data() + j * d, d));
      sumAll += k;
      if (j >= begin && j < end) sumBlock += k;
    }
    out.all[static_cast<std::size_t>(i)] = std::log(sumAll / static_cast<double>(n));
    out.block[static_cast<std::size_t>(i)] = std::log(sumBlock / static_cast<double>(end - begin));
  });
}

}  // namespace miwb
