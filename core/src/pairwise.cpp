#include "miwb/numerics/pairwise.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
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

// The kernel sums are most of the KDE estimators' time, so they are written for the vectoriser: the
// widest SIMD the CPU has (one clone per instruction set, picked at load time), columns of the points
// contiguous, and an exp without branches. Each clone gives the same bits for any thread count.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define MIWB_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MIWB_SIMD_CLONES
#endif

// exp(x) for x <= 0 to about 1 ulp: x = k ln2 + r with |r| <= ln2 / 2, exp(r) by its Taylor series to
// r^13 (remainder below 1e-17), times 2^k built from the exponent bits. Arguments below -708 (where 2^k
// would leave the normal range) give exp(-708) ~ 3e-308: in a kernel sum that always holds the j = i
// term exp(0) = 1, that is far below rounding.
inline double expNonPositive(double x) {  // x <= 0, -0.0 included
  constexpr double log2e = 1.4426950408889634074, shifter = 0x1.8p52;
  constexpr double ln2hi = 6.93147180369123816490e-01, ln2lo = 1.90821492927058770002e-10;  // hi * k exact
  // The clamp as an integer min on the bits: for x <= 0 (sign bit set) a larger magnitude is a larger
  // signed integer. A floating-point compare here would keep the loop from vectorising (it may trap).
  constexpr std::int64_t limitBits = std::bit_cast<std::int64_t>(-708.0);
  const double xc = std::bit_cast<double>(std::min(std::bit_cast<std::int64_t>(x), limitBits));
  const double t = xc * log2e + shifter;  // shifter's ulp is 1: the low mantissa bits of t hold round(x log2 e)
  const double k = t - shifter;
  const double r = (xc - k * ln2hi) - k * ln2lo;
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const std::uint64_t scaleBits = (std::bit_cast<std::uint64_t>(t) << 52) + (std::uint64_t{1023} << 52);
  return p * std::bit_cast<double>(scaleBits);
}

constexpr Index kChunk = 256;  // columns per pass: distances and kernel values stay in L1
constexpr int kLanes = 8;      // partial sums, added in a fixed order

// sum_{j in [jBegin, jEnd)} exp(scale ||p - point_j||^2), with the points stored column by column
// (`cols` is d x n) so that the loops over j vectorise. The distance to p itself is exactly 0.
MIWB_SIMD_CLONES double kernelRangeSum(const double* cols, Index n, Index d, const double* p, double scale,
                                       Index jBegin, Index jEnd) {
  alignas(64) double buf[kChunk];
  double lanes[kLanes] = {};
  for (Index c = jBegin; c < jEnd; c += kChunk) {
    const Index m = std::min(kChunk, jEnd - c);
    for (Index j = 0; j < m; ++j) buf[j] = 0.0;
    for (Index k = 0; k < d; ++k) {
      const double* col = cols + k * n + c;
      const double v = p[k];
      for (Index j = 0; j < m; ++j) {
        const double t = col[j] - v;
        buf[j] += t * t;
      }
    }
    for (Index j = 0; j < m; ++j) buf[j] = expNonPositive(scale * buf[j]);
    Index j = 0;
    for (; j + kLanes <= m; j += kLanes)
      for (int l = 0; l < kLanes; ++l) lanes[l] += buf[j + l];
    for (int l = 0; j < m; ++j, ++l) lanes[l] += buf[j];
  }
  return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

Status checkKernelInputs(Index n, const std::vector<Index>& blockStarts, double variance) {
  if (!(variance > 0.0) || !std::isfinite(variance))
    return Status::invalidInput("the kernel variance must be a positive number");
  if (blockStarts.size() < 2 || blockStarts.front() != 0 || blockStarts.back() != n ||
      !std::is_sorted(blockStarts.begin(), blockStarts.end()))
    return Status::invalidInput("the kernel blocks must be increasing row ranges covering all rows");
  return Status::ok();
}

// The row's block [begin, end).
void blockOf(const std::vector<Index>& blockStarts, Index i, Index& begin, Index& end) {
  const auto next = std::upper_bound(blockStarts.begin(), blockStarts.end(), i);
  begin = *(next - 1);
  end = *next;
}

}  // namespace

Status gaussianKernelLogMeans(const Matrix& points, const std::vector<Index>& blockStarts, double variance,
                              const RunContext& ctx, KernelLogMeans& out) {
  const Index n = points.rows(), d = points.cols();
  MIWB_TRY(checkKernelInputs(n, blockStarts, variance));
  const double scale = -0.5 / variance;
  const Eigen::MatrixXd cols = points;  // column-major: coordinate k of all points is contiguous
  out.all.assign(static_cast<std::size_t>(n), 0.0);
  out.block.assign(static_cast<std::size_t>(n), 0.0);
  return forEachRow(n, ctx, [&](Index i) {
    Index begin = 0, end = 0;
    blockOf(blockStarts, i, begin, end);
    const double* p = points.data() + i * d;
    // The block's sum is computed once and reused for all rows; the same call as in the block-only pass.
    const double inBlock = kernelRangeSum(cols.data(), n, d, p, scale, begin, end);
    const double before = kernelRangeSum(cols.data(), n, d, p, scale, 0, begin);
    const double after = kernelRangeSum(cols.data(), n, d, p, scale, end, n);
    out.all[static_cast<std::size_t>(i)] = std::log(((before + inBlock) + after) / static_cast<double>(n));
    out.block[static_cast<std::size_t>(i)] = std::log(inBlock / static_cast<double>(end - begin));
  });
}

Status gaussianKernelBlockLogMeans(const Matrix& points, const std::vector<Index>& blockStarts, double variance,
                                   const RunContext& ctx, std::vector<double>& block) {
  const Index n = points.rows(), d = points.cols();
  MIWB_TRY(checkKernelInputs(n, blockStarts, variance));
  const double scale = -0.5 / variance;
  const Eigen::MatrixXd cols = points;
  block.assign(static_cast<std::size_t>(n), 0.0);
  return forEachRow(n, ctx, [&](Index i) {
    Index begin = 0, end = 0;
    blockOf(blockStarts, i, begin, end);
    const double inBlock = kernelRangeSum(cols.data(), n, d, points.data() + i * d, scale, begin, end);
    block[static_cast<std::size_t>(i)] = std::log(inBlock / static_cast<double>(end - begin));
  });
}

}  // namespace miwb

