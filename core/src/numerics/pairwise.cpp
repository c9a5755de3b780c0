#include "miwb/numerics/pairwise.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "miwb/numerics/gemm.h"

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

// out[j] = exp(scale max(0, na + nb[j] - 2 g[j])): the kernel from one row of a Gram block. Rounding in
// the 2 a.b term can make a tiny distance negative; the clamp is an integer max on the bits (a negative
// double is a negative integer), which keeps the loop vectorised, and gives +0, so exp(-0) = 1.
inline void kernelFromGram(const double* g, double na, const double* nb, double scale, Index m, double* out) {
  for (Index j = 0; j < m; ++j) {
    const double dist = (na + nb[j]) - 2.0 * g[j];
    const double clamped = std::bit_cast<double>(std::max(std::bit_cast<std::int64_t>(dist), std::int64_t{0}));
    out[j] = expNonPositive(scale * clamped);
  }
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

// One pair of tiles: rows [i0, i1) against columns [j0, j1), both in block order.
struct TilePair {
  Index i0, i1, j0, j1;
  bool mirror;  // tiles that differ: the column sums come from the same kernel values
};

// Where the sums of one tile pair go: each row's sums over the columns, all of them and those in the
// row's block (rows are in block order, so those are one range), added to rowAll / rowBlock; with
// `mirror` also each column's sums over the rows, added to colAll / colBlock (the kernel is symmetric).
// Each tile pair's sums start at 0 and are written by one task only.
struct TileSums {
  double *rowAll, *rowBlock, *colAll, *colBlock;
};

// Adds the kernel values `buf` of row i (against the tile's columns) to the tile's sums.
inline void addRow(const double* buf, const std::vector<Index>& blockStarts, Index i, const TilePair& t,
                   const TileSums& s) {
  const Index m = t.j1 - t.j0;
  const auto next = std::upper_bound(blockStarts.begin(), blockStarts.end(), i);
  const Index from = std::clamp(*(next - 1) - t.j0, Index{0}, m), to = std::clamp(*next - t.j0, Index{0}, m);
  double lanes[kLanes] = {}, blockLanes[kLanes] = {};
  addToLanes(buf, 0, m, lanes);
  addToLanes(buf, from, to, blockLanes);
  s.rowAll[i - t.i0] += sumLanes(lanes);
  s.rowBlock[i - t.i0] += sumLanes(blockLanes);
  if (t.mirror) {
    for (Index j = 0; j < m; ++j) s.colAll[j] += buf[j];
    for (Index j = from; j < to; ++j) s.colBlock[j] += buf[j];
  }
}

// A tile pair of narrow points, from coordinate differences: `sorted` is row-major, `cols` the same
// points column-major, both in block order.
MIWB_SIMD_CLONES void differenceTileSums(const double* cols, const double* sorted, Index n, Index d, double scale,
                                         const std::vector<Index>& blockStarts, const TilePair& t,
                                         const TileSums& s, double* buf) {
  for (Index i = t.i0; i < t.i1; ++i) {
    kernelValues(cols, n, d, sorted + i * d, scale, t.j0, t.j1, buf);
    addRow(buf, blockStarts, i, t, s);
  }
}

// A sub-block of a wide tile pair, from its Gram block g = A B^T (row-major, (i1 - i0) x (j1 - j0)) and
// the rows' squared norms; `t` and `s` address the sub-block.
MIWB_SIMD_CLONES void gramBlockSums(const double* g, const double* na, const double* nb, double scale,
                                    const std::vector<Index>& blockStarts, const TilePair& t, const TileSums& s,
                                    double* buf) {
  const Index m = t.j1 - t.j0;
  for (Index i = t.i0; i < t.i1; ++i) {
    kernelFromGram(g + (i - t.i0) * m, na[i - t.i0], nb, scale, m, buf);
    if (t.i0 == t.j0) buf[i - t.i0] = 1.0;  // the row itself: distance exactly 0
    addRow(buf, blockStarts, i, t, s);
  }
}

Status checkKernelInputs(Index n, const RowBlocks& blocks, double variance) {
  if (!(variance > 0.0) || !std::isfinite(variance))
    return Status::invalidInput("the kernel variance must be a positive number");
  const auto& starts = blocks.starts;
  if (starts.size() < 2 || starts.front() != 0 || starts.back() != n || !std::is_sorted(starts.begin(), starts.end()))
    return Status::invalidInput("the kernel blocks must be increasing row ranges covering all rows");
  if (!blocks.order.empty() && static_cast<Index>(blocks.order.size()) != n)
    return Status::invalidInput("the kernel blocks' row order must list every row once");
  return Status::ok();
}

// The row's block [begin, end), as positions in block order.
void blockOf(const std::vector<Index>& blockStarts, Index i, Index& begin, Index& end) {
  const auto next = std::upper_bound(blockStarts.begin(), blockStarts.end(), i);
  begin = *(next - 1);
  end = *next;
}

// The row of `points` at position p of the block order.
Index rowAt(const RowBlocks& blocks, Index p) { return blocks.order.empty() ? p : blocks.order[static_cast<std::size_t>(p)]; }

// The points in block order, row-major; only for narrow points (a copy).
Matrix inBlockOrder(const Matrix& points, const RowBlocks& blocks) {
  if (blocks.order.empty()) return points;
  return points(blocks.order, Eigen::all);
}

// Square tiles of `tile` positions; each pair of tiles (I <= J) is one task computing both tiles'
// sums into partial sums part[(I * tiles + J) * tile + r] (row I * tile + r over the columns of tile
// J), which each row then adds in tile order: the same bits for any thread count. The partial sums
// are `tiles` N values each.
class TiledSums {
 public:
  TiledSums(Index n, Index tile)
      : n_(n), tile_(std::max<Index>(1, tile)), tiles_(std::max<Index>(1, (n + tile_ - 1) / tile_)),
        all_(static_cast<std::size_t>(tiles_ * tiles_ * tile_), 0.0),
        block_(static_cast<std::size_t>(tiles_ * tiles_ * tile_), 0.0) {
    for (Index a = 0; a < tiles_; ++a)
      for (Index b = a; b < tiles_; ++b) pairs_.emplace_back(a, b);
  }

  Index tile() const { return tile_; }
  Index tasks() const { return static_cast<Index>(pairs_.size()); }
  TilePair pair(Index k) const {
    const auto [a, b] = pairs_[static_cast<std::size_t>(k)];
    return {a * tile_, std::min(n_, (a + 1) * tile_), b * tile_, std::min(n_, (b + 1) * tile_), a != b};
  }
  TileSums sums(Index k) {
    const auto [a, b] = pairs_[static_cast<std::size_t>(k)];
    return {at(all_, a, b), at(block_, a, b), at(all_, b, a), at(block_, b, a)};
  }

  // Position p's sums over all columns and over its block.
  void total(Index p, double& sumAll, double& sumBlock) {
    const Index a = p / tile_, r = p % tile_;
    sumAll = sumBlock = 0.0;
    for (Index b = 0; b < tiles_; ++b) {
      sumAll += at(all_, a, b)[r];
      sumBlock += at(block_, a, b)[r];
    }
  }

 private:
  double* at(std::vector<double>& part, Index a, Index b) { return part.data() + (a * tiles_ + b) * tile_; }

  Index n_, tile_, tiles_;
  std::vector<double> all_, block_;
  std::vector<std::pair<Index, Index>> pairs_;
};

// Narrow tiles: at least 256 positions, 32 a side at most.
Index narrowTile(Index n) { return std::max<Index>(256, (n + 31) / 32); }

// Wide tiles are gathered (centred) once per task and multiplied in kGemmBlock x kGemmBlock Gram
// blocks, the size at which the product runs at full rate with its Gram block in L2. A task's tiles
// are larger, up to 1024 rows or 16 MB each, so that gathering a tile (memory-bound) is paid once for
// many blocks; but at least 8 tiles a side while N allows, for the threads, and at most 64.
constexpr Index kGemmBlock = 256;
Index wideTile(Index n, Index d) {
  const Index byMemory = std::clamp<Index>((Index{16} << 20) / (8 * d) / kGemmBlock * kGemmBlock, kGemmBlock, 1024);
  const auto roundUp = [](Index rows) { return (rows + kGemmBlock - 1) / kGemmBlock * kGemmBlock; };
  return std::max(std::min(byMemory, roundUp((n + 7) / 8)), roundUp((n + 63) / 64));
}

// Per-thread buffers of the wide path: two tiles of centred rows (row-major) and their squared norms,
// with the position of the first tile's rows (consecutive tasks mostly share it), one Gram block and
// one row of kernel values.
struct GramScratch {
  Index aBegin = -1;
  std::vector<double> a, b, na, nb, gram, buf;
};

// Rows [p0, p1) of the block order, minus the column means, and their squared norms. Centring costs
// nothing here (the rows are gathered anyway) and keeps ||a||^2 + ||b||^2 - 2 a.b accurate when the
// points sit far from the origin. One pass per row: this is memory-bound.
void gatherCentred(const Matrix& points, const RowBlocks& blocks, const Eigen::RowVectorXd& mean, Index p0, Index p1,
                   std::vector<double>& rows, std::vector<double>& norms) {
  const Index d = points.cols();
  rows.resize(static_cast<std::size_t>((p1 - p0) * d));
  norms.resize(static_cast<std::size_t>(p1 - p0));
  const double* m = mean.data();
  for (Index p = p0; p < p1; ++p) {
    const double* src = points.data() + rowAt(blocks, p) * d;
    double* dst = rows.data() + (p - p0) * d;
    double s0 = 0.0, s1 = 0.0;
    Index k = 0;
    for (; k + 2 <= d; k += 2) {
      const double t0 = src[k] - m[k], t1 = src[k + 1] - m[k + 1];
      dst[k] = t0;
      dst[k + 1] = t1;
      s0 += t0 * t0;
      s1 += t1 * t1;
    }
    for (; k < d; ++k) {
      dst[k] = src[k] - m[k];
      s0 += dst[k] * dst[k];
    }
    norms[static_cast<std::size_t>(p - p0)] = s0 + s1;
  }
}

// One wide tile pair: its Gram blocks (those on or above the diagonal of a diagonal tile pair, whose
// other blocks are their mirrors) and their kernel sums, in a fixed order.
void wideTileSums(const Matrix& points, const RowBlocks& blocks, const Eigen::RowVectorXd& mean, double scale,
                  const TilePair& t, const TileSums& s, GramScratch& w) {
  const Index d = points.cols();
  if (w.aBegin != t.i0) {
    gatherCentred(points, blocks, mean, t.i0, t.i1, w.a, w.na);
    w.aBegin = t.i0;
  }
  if (t.mirror) gatherCentred(points, blocks, mean, t.j0, t.j1, w.b, w.nb);
  const std::vector<double>& b = t.mirror ? w.b : w.a;
  const std::vector<double>& nb = t.mirror ? w.nb : w.na;
  w.gram.resize(static_cast<std::size_t>(kGemmBlock * kGemmBlock));
  w.buf.resize(static_cast<std::size_t>(kGemmBlock));
  for (Index r0 = t.i0; r0 < t.i1; r0 += kGemmBlock) {
    for (Index c0 = t.mirror ? t.j0 : r0; c0 < t.j1; c0 += kGemmBlock) {
      const TilePair block{r0, std::min(r0 + kGemmBlock, t.i1), c0, std::min(c0 + kGemmBlock, t.j1),
                           t.mirror || r0 != c0};
      const Index ra = r0 - t.i0, cb = c0 - t.j0;
      multiplyByTranspose(w.a.data() + ra * d, d, b.data() + cb * d, d, block.i1 - block.i0, block.j1 - block.j0, d,
                          w.gram.data());
      const TileSums blockSums{s.rowAll + ra, s.rowBlock + ra, s.colAll + cb, s.colBlock + cb};
      gramBlockSums(w.gram.data(), w.na.data() + ra, nb.data() + cb, scale, blocks.starts, block, blockSums,
                    w.buf.data());
    }
  }
}

}  // namespace

RowBlocks RowBlocks::single(Index n) { return {{}, {0, n}}; }

RowBlocks RowBlocks::byClass(const DenseLabels& classes) {
  RowBlocks out;
  out.starts.assign(classes.counts.size() + 1, 0);
  for (std::size_t c = 0; c < classes.counts.size(); ++c) out.starts[c + 1] = out.starts[c] + classes.counts[c];
  std::vector<Index> next(out.starts.begin(), out.starts.end() - 1);
  out.order.resize(classes.codes.size());
  for (std::size_t i = 0; i < classes.codes.size(); ++i)
    out.order[static_cast<std::size_t>(next[static_cast<std::size_t>(classes.codes[i])]++)] = static_cast<Index>(i);
  return out;
}

Status gaussianKernelRowSums(const Matrix& points, const RowBlocks& blocks, double variance, const RunContext& ctx,
                             KernelLogMeans& out) {
  const Index n = points.rows(), d = points.cols();
  MIWB_TRY(checkKernelInputs(n, blocks, variance));
  const double scale = -0.5 / variance;
  const bool wide = d >= kGramDims;
  TiledSums tiled(n, wide ? wideTile(n, d) : narrowTile(n));
  if (wide) {
    const Eigen::RowVectorXd mean = points.colwise().mean();
    tbb::enumerable_thread_specific<GramScratch> scratch;
    MIWB_TRY(forEachRow(
        tiled.tasks(), ctx,
        [&](Index k) { wideTileSums(points, blocks, mean, scale, tiled.pair(k), tiled.sums(k), scratch.local()); },
        1));
  } else {
    const Matrix sorted = inBlockOrder(points, blocks);
    const Eigen::MatrixXd cols = sorted;  // column-major: coordinate k of all points is contiguous
    MIWB_TRY(forEachRow(
        tiled.tasks(), ctx,
        [&](Index k) {
          std::vector<double> buf(static_cast<std::size_t>(tiled.tile()));
          differenceTileSums(cols.data(), sorted.data(), n, d, scale, blocks.starts, tiled.pair(k), tiled.sums(k),
                             buf.data());
        },
        1));
  }
  out.all.assign(static_cast<std::size_t>(n), 0.0);
  out.block.assign(static_cast<std::size_t>(n), 0.0);
  for (Index p = 0; p < n; ++p) {
    const auto i = static_cast<std::size_t>(rowAt(blocks, p));
    tiled.total(p, out.all[i], out.block[i]);
  }
  return Status::ok();
}

Status gaussianKernelLogMeans(const Matrix& points, const RowBlocks& blocks, double variance, const RunContext& ctx,
                              KernelLogMeans& out) {
  MIWB_TRY(gaussianKernelRowSums(points, blocks, variance, ctx, out));
  const Index n = points.rows();
  for (Index p = 0; p < n; ++p) {
    Index begin = 0, end = 0;
    blockOf(blocks.starts, p, begin, end);
    const auto i = static_cast<std::size_t>(rowAt(blocks, p));
    out.all[i] = std::log(out.all[i] / static_cast<double>(n));
    out.block[i] = std::log(out.block[i] / static_cast<double>(end - begin));
  }
  return Status::ok();
}

Status gaussianKernelBlockLogMeans(const Matrix& points, const RowBlocks& blocks, double variance,
                                   const RunContext& ctx, std::vector<double>& block) {
  const Index n = points.rows(), d = points.cols();
  MIWB_TRY(checkKernelInputs(n, blocks, variance));
  const double scale = -0.5 / variance;
  block.assign(static_cast<std::size_t>(n), 0.0);
  if (d >= kGramDims) {
    // Wide points in place, one pair at a time: blocks are small where this is called (one per
    // distinct input), and a copy of the points would cost more than the pairs.
    return forEachRow(n, ctx, [&](Index p) {
      Index begin = 0, end = 0;
      blockOf(blocks.starts, p, begin, end);
      const double* row = points.data() + rowAt(blocks, p) * d;
      double sum = 0.0;
      for (Index q = begin; q < end; ++q)
        sum += std::exp(scale * squaredDistance(row, points.data() + rowAt(blocks, q) * d, d));
      block[static_cast<std::size_t>(rowAt(blocks, p))] = std::log(sum / static_cast<double>(end - begin));
    });
  }
  const Matrix sorted = inBlockOrder(points, blocks);
  const Eigen::MatrixXd cols = sorted;
  return forEachRow(n, ctx, [&](Index p) {
    Index begin = 0, end = 0;
    blockOf(blocks.starts, p, begin, end);
    const double inBlock = kernelRangeSum(cols.data(), n, d, sorted.data() + p * d, scale, begin, end);
    block[static_cast<std::size_t>(rowAt(blocks, p))] = std::log(inBlock / static_cast<double>(end - begin));
  });
}

}  // namespace miwb
