#pragma once
// Kernel (Gram) matrices and kernel-width rules shared by the kernel-based estimators
// (matrix-based Renyi entropy, Cauchy-Schwarz MI, diffusion spectral entropy).
//
// All O(N^2) work runs in oneTBB parallel loops in which every entry is computed on its own, so the
// result is bit-identical for any thread count. Narrow rows (d < kGramDims) take distances as sums
// of squared coordinate differences; wide ones from blocked matrix products on centred rows (as the
// KDE sums, numerics/pairwise.h), ||a||^2 + ||b||^2 - 2 a.b clamped at 0, with the norms from the
// same products. Either way the matrices are exactly symmetric with a zero diagonal, and identical
// rows get distance exactly 0, which the closed-form cases (point masses, block-diagonal kernels)
// rely on.
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "miwb/random.h"
#include "miwb/variable.h"

namespace miwb {

// The Gaussian kernel width that the `rule` picks for a sample.
enum class KernelWidthRule { Median, Silverman, Fixed };

// ||x_i - x_j||^2 for all rows i, j: N x N, symmetric, zero diagonal.
Eigen::MatrixXd squaredDistances(const Matrix& x);

// G_ij = exp(-||x_i - x_j||^2 / (2 sigma^2)): unit diagonal, no normalising constant (every
// estimator here either normalises by the trace or row sums, or takes a ratio in which it cancels).
Eigen::MatrixXd gaussianGram(const Matrix& x, double sigma);

// K_ij = 1 if labels i and j are equal, else 0: the kernel of a discrete variable.
Eigen::MatrixXd deltaGram(const Labels& labels);

// The median of ||x_i - x_j|| over pairs i < j with a non-zero distance (equal rows are ties, not a
// scale: with many repeated rows the plain median would be 0). 1 when all rows are equal, where any
// width gives the same all-ones Gram matrix. For an even count, the mean of the two middle values.
double medianPairwiseDistance(const Matrix& x);

// Silverman's rule of thumb for a d-dimensional Gaussian kernel:
// sigma = s (4 / (d + 2))^(1 / (d + 4)) N^(-1 / (d + 4)), with s the root of the mean per-column
// variance (unbiased). 1 when every column is constant.
double silvermanWidth(const Matrix& x);

// The width `rule` picks for x; `fixedSigma` for KernelWidthRule::Fixed. The median rule looks at
// all pairs of at most `medianRows` rows, drawn with `rng` when x has more (O(medianRows^2) memory);
// Silverman's rule uses every row.
double kernelWidth(const Matrix& x, KernelWidthRule rule, double fixedSigma, miwb::Random& rng,
                   Index medianRows = 1000);

// "median", "silverman" or "fixed" (the parameter choices); false for anything else.
bool parseKernelWidthRule(const std::string& text, KernelWidthRule& out);

// `count` distinct indices drawn uniformly from 0..n-1 without replacement, sorted ascending
// (partial Fisher-Yates with Random::integer, so the draw is the same on every platform).
// All of 0..n-1 when count >= n. Used to subsample before O(N^2) kernel work.
std::vector<Index> sampleWithoutReplacement(Index n, Index count, miwb::Random& rng);

// The rows an O(N^2) or O(N^3) estimator keeps under its `max_samples` parameter: all of them when
// `maxSamples` is unset (null, the default: never subsampled silently) or at least n; else `maxSamples`
// rows without replacement, sorted ascending. With `strata` (the labels of I(T;Y)) the draw is
// stratified: each class keeps its share of the rows (largest remainders, ties to the first class),
// so p(y) is kept to within one row per class and no class drops out by chance.
std::vector<Index> subsampleRows(Index n, std::optional<Index> maxSamples, const Labels* strata, miwb::Random& rng);

// The labels to stratify a pair's subsample by: those of the side that has only labels, else none.
const Labels* stratumLabels(const Variable& x, const Variable& y);

}  // namespace miwb
