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

// Row-wise log mean of a Gaussian kernel, over all rows and over the row's own block:
//   all[i]   = ln( 1/N     sum_j          exp(-||p_i - p_j||^2 / (2 variance)) )
//   block[i] = ln( 1/|B_i| sum_{j in B_i} exp(-||p_i - p_j||^2 / (2 variance)) )
// The blocks are the row ranges [blockStarts[k], blockStarts[k+1]) (e.g. rows sorted by class);
// blockStarts runs from 0 to N. Each sum includes j = i, whose term exp(0) = 1 is the largest, so
// the log-sum-exp shift is 0 and the logarithm is always finite. O(N^2 d) time (each pair of rows once,
// the kernel being symmetric), O(N) memory (at most 64 N partial sums).
// Reports progress through `ctx` and returns Status::cancelled() when it asks to stop.
struct KernelLogMeans {
  std::vector<double> all, block;
};
Status gaussianKernelLogMeans(const Matrix& points, const std::vector<Index>& blockStarts, double variance,
                              const RunContext& ctx, KernelLogMeans& out);

// Only the `block` part of gaussianKernelLogMeans(), in O(sum_k |B_k|^2 d) time: cheap when the blocks
// are small (e.g. one per distinct input). The values equal those of gaussianKernelLogMeans() up to
// rounding.
Status gaussianKernelBlockLogMeans(const Matrix& points, const std::vector<Index>& blockStarts, double variance,
                                   const RunContext& ctx, std::vector<double>& block);

}  // namespace miwb
