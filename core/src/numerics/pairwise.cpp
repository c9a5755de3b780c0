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
Status forEachRow(Index n, const RunContext& ctx, Body&& body, Index grain = 8) {
  std::atomic<bool> stop{false};
  std::atomic<Index> done{0};
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, grain), [&](const tbb::blocked_range<Index>& r) {
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

constexpr Index kChunk = 256;  // columns per pass in block-only sums: the values stay in L1
constexpr int kLanes = 8;      // partial sums, added in a fixed order

// out[j - jBegin] = exp(scale ||p - point_j||^2) for j in [jBegin, jEnd), with the points stored column
// by column (`cols` is n x d column-major) so that the loops over j vectorise. The distance to p itself
// is exactly 0, so its kernel value is exactly 1.
inline void kernelValues(const double* cols, Index n, Index d, const double* p, double scale, Index jBegin,
                         Index jEnd, double* out) {
  const Index m = jEnd - jBegin;
  for (Index j = 0; j < m; ++j) out[j] = 0.0;
  Index k = 0;
  for (; k + 4 <= d; k += 4) {  // four coordinates per pass over `out`: fewer loads and stores
    const double *c0 = cols + k * n + jBegin, *c1 = c0 + n, *c2 = c1 + n, *c3 = c2 + n;
    const double v0 = p[k], v1 = p[k + 1], v2 = p[k + 2], v3 = p[k + 3];
    for (Index j = 0; j < m; ++j) {
      const double t0 = c0[j] - v0, t1 = c1[j] - v1, t2 = c2[j] - v2, t3 = c3[j] - v3;
      out[j] += (t0 * t0 + t1 * t1) + (t2 * t2 + t3 * t3);
    }
  }
  for (; k < d; ++k) {
    const double* col = cols + k * n + jBegin;
    const double v = p[k];
    for (Index j = 0; j < m; ++j) {
      const double t = col[j] - v;
      out[j] += t * t;
    }
  }
  for (Index j = 0; j < m; ++j) out[j] = expNonPositive(scale * out[j]);
}

inline void addToLanes(const double* v, Index from, Index to, double* lanes) {
  Index j = from;
  for (; j + kLanes <= to; j += kLanes)
    for (int l = 0; l < kLanes; ++l) lanes[l] += v[j + l];
  for (int l = 0; j < to; ++j, ++l) lanes[l] += v[j];
}

inline double sumLanes(const double* lanes) {
  return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

// sum_{j in [jBegin, jEnd)} exp(scale ||p - point_j||^2).
MIWB_SIMD_CLONES double kernelRangeSum(const double* cols, Index n, Index d, const double* p, double scale,
                                       Index jBegin, Index jEnd) {
  alignas(64) double buf[kChunk];
  double lanes[kLanes] = {};
  for (Index c = jBegin; c < jEnd; c += kChunk) {
    const Index m = std::min(kChunk, jEnd - c);
    kernelValues(cols, n, d, p, scale, c, c + m, buf);
    addToLanes(buf, 0, m, lanes);
  }
  return sumLanes(lanes);
}

// Kernel sums between the rows [i0, i1) and the columns [j0, j1) of two tiles: each row's sum over the
// columns, all of them and those in the row's block (rows are sorted by block, so those are one range),
// into rowAll / rowBlock. With `mirror` (tiles that differ) also each column's sums over the rows into
// colAll / colBlock: the kernel is symmetric, so one pass over the pairs serves both tiles.
MIWB_SIMD_CLONES void tilePairSums(const double* cols, Index n, Index d, const double* points, double scale,
                                   const std::vector<Index>& blockStarts, Index i0, Index i1, Index j0, Index j1,
                                   bool mirror, double* rowAll, double* rowBlock, double* colAll, double* colBlock,
                                   double* buf) {
  const Index m = j1 - j0;
  if (mirror) {
    std::fill(colAll, colAll + m, 0.0);
    std::fill(colBlock, colBlock + m, 0.0);
  }
  for (Index i = i0; i < i1; ++i) {
    kernelValues(cols, n, d, points + i * d, scale, j0, j1, buf);
    const auto next = std::upper_bound(blockStarts.begin(), blockStarts.end(), i);
    const Index from = std::clamp(*(next - 1) - j0, Index{0}, m), to = std::clamp(*next - j0, Index{0}, m);
    double lanes[kLanes] = {}, blockLanes[kLanes] = {};
    addToLanes(buf, 0, m, lanes);
    addToLanes(buf, from, to, blockLanes);
    rowAll[i - i0] = sumLanes(lanes);
    rowBlock[i - i0] = sumLanes(blockLanes);
    if (mirror) {
      for (Index j = 0; j < m; ++j) colAll[j] += buf[j];
      for (Index j = from; j < to; ++j) colBlock[j] += buf[j];
    }
  }
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
  // Square tiles of rows; each pair of tiles (I <= J) is one task computing both tiles' sums. At most 32
  // tiles a side keeps the partial sums at 32 N values each.
  const Index tile = std::max<Index>(256, (n + 31) / 32), tiles = std::max<Index>(1, (n + tile - 1) / tile);
  std::vector<std::pair<Index, Index>> pairs;
  for (Index a = 0; a < tiles; ++a)
    for (Index b = a; b < tiles; ++b) pairs.emplace_back(a, b);
  // part[(I * tiles + J) * tile + r]: row I * tile + r summed over the columns of tile J.
  const auto partSize = static_cast<std::size_t>(tiles * tiles * tile);
  std::vector<double> partAll(partSize, 0.0), partBlock(partSize, 0.0);
  auto at = [&](std::vector<double>& part, Index a, Index b) { return part.data() + (a * tiles + b) * tile; };
  MIWB_TRY(forEachRow(
      static_cast<Index>(pairs.size()), ctx,
      [&](Index k) {
        const auto [a, b] = pairs[static_cast<std::size_t>(k)];
        std::vector<double> buf(static_cast<std::size_t>(tile));
        tilePairSums(cols.data(), n, d, points.data(), scale, blockStarts, a * tile, std::min(n, (a + 1) * tile),
                     b * tile, std::min(n, (b + 1) * tile), a != b, at(partAll, a, b), at(partBlock, a, b),
                     at(partAll, b, a), at(partBlock, b, a), buf.data());
      },
      1));
  // Each row adds its tiles' partial sums in tile order: the same bits for any thread count.
  out.all.assign(static_cast<std::size_t>(n), 0.0);
  out.block.assign(static_cast<std::size_t>(n), 0.0);
  for (Index i = 0; i < n; ++i) {
    const Index a = i / tile, r = i % tile;
    double sumAll = 0.0, sumBlock = 0.0;
    for (Index b = 0; b < tiles; ++b) {
      sumAll += at(partAll, a, b)[r];
      sumBlock += at(partBlock, a, b)[r];
    }
    Index begin = 0, end = 0;
    blockOf(blockStarts, i, begin, end);
    out.all[static_cast<std::size_t>(i)] = std::log(sumAll / static_cast<double>(n));
    out.block[static_cast<std::size_t>(i)] = std::log(sumBlock / static_cast<double>(end - begin));
  }
  return Status::ok();
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

