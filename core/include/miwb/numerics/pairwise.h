#pragma once
// Pairwise squared distances and row-wise Gaussian-kernel sums in O(N) memory, for kernel estimators
// that never need the N x N matrix (KDE bounds). Full Gram matrices are in kernels.h. Rows run in
// parallel with oneTBB; each row's value is computed in a fixed order, so results are bit-identical
// for any thread count.
#include <vector>

#include "miwb/run_context.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

// ||a - b||^2 for two rows of `dims` values.
double squaredDistance(const double* a, const double* b, Index dims);

// ln sum_k exp(v_k), shifted by the maximum so that no term overflows; -inf for an empty input.
double logSumExp(const std::vector<double>& v);

// Rows grouped into blocks (e.g. classes) without moving them: block k is the rows
// order[starts[k]], ..., order[starts[k+1] - 1]. An empty `order` means the rows' own order.
struct RowBlocks {
  std::vector<Index> order;
  std::vector<Index> starts;  // from 0 to N, non-decreasing

  // One block holding every row.
  static RowBlocks single(Index n);
  // One block per class, rows in their own order within each (a stable grouping).
  static RowBlocks byClass(const DenseLabels& classes);
};

// Row-wise log mean of a Gaussian kernel, over all rows and over the row's own block:
//   all[i]   = ln( 1/N     sum_j          exp(-||p_i - p_j||^2 / (2 variance)) )
//   block[i] = ln( 1/|B_i| sum_{j in B_i} exp(-||p_i - p_j||^2 / (2 variance)) )
// indexed by row i of `points`. Each sum includes j = i, whose term exp(0) = 1 is the largest, so the
// log-sum-exp shift is 0 and the logarithm is always finite. O(N^2 d) time (each pair of rows once,
// the kernel being symmetric). Memory: at most 64 N partial sums plus, per thread, two tiles of rows
// (up to 1024 rows or 16 MB each) and one 256 x 256 kernel block; the points are never copied whole. Wide points (d >= kGramDims) take the
// squared distances from blocked matrix products, ||a||^2 + ||b||^2 - 2 a.b on mean-centred rows
// (clamped at 0, the diagonal exactly 0), with the kernel and the sums fused into each block; narrow
// ones from coordinate differences, which are faster there.
// Reports progress through `ctx` and returns Status::cancelled() when it asks to stop.
struct KernelLogMeans {
  std::vector<double> all, block;
};
inline constexpr Index kGramDims = 24;
Status gaussianKernelLogMeans(const Matrix& points, const RowBlocks& blocks, double variance, const RunContext& ctx,
                              KernelLogMeans& out);

// The sums themselves (not their log means), indexed by row: all[i] = sum_j exp(...) over every row,
// block[i] over the row's block. The same pass as gaussianKernelLogMeans(), for estimators that
// combine kernel sums otherwise (Cauchy-Schwarz, the alpha = 2 matrix Renyi entropy).
Status gaussianKernelRowSums(const Matrix& points, const RowBlocks& blocks, double variance, const RunContext& ctx,
                             KernelLogMeans& sums);

// Only the `block` part of gaussianKernelLogMeans(), in O(sum_k |B_k|^2 d) time: cheap when the blocks
// are small (e.g. one per distinct input). The values equal those of gaussianKernelLogMeans() up to
// rounding.
Status gaussianKernelBlockLogMeans(const Matrix& points, const RowBlocks& blocks, double variance,
                                   const RunContext& ctx, std::vector<double>& block);

}  // namespace miwb
