#include "miwb/numerics/kernels.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "miwb/numerics/gemm.h"
#include "miwb/numerics/pairwise.h"

namespace miwb {

namespace {

constexpr Index kDistanceBlock = 256;

// Wide rows (d >= kGramDims): ||a||^2 + ||b||^2 - 2 a.b on centred rows from 256 x 256 Gram blocks,
// as the KDE sums take them (numerics/pairwise.h), clamped at 0. The norms are the Gram diagonal
// itself, so equal rows (whose dot products the product computes alike) get exactly 0. Diagonal
// blocks first (they give the norms), then each block above the diagonal, mirrored.
void squaredDistancesByProducts(const Matrix& x, Eigen::MatrixXd& d) {
  const Index n = x.rows(), cols = x.cols(), blocks = (n + kDistanceBlock - 1) / kDistanceBlock;
  const Matrix c = x.rowwise() - x.colwise().mean();  // N x d: small next to the N x N result
  Eigen::VectorXd norms(n);
  const auto gram = [&](Index a, Index b, std::vector<double>& g, Index& ma, Index& mb) {
    ma = std::min(n, (a + 1) * kDistanceBlock) - a * kDistanceBlock;
    mb = std::min(n, (b + 1) * kDistanceBlock) - b * kDistanceBlock;
    g.resize(static_cast<std::size_t>(ma * mb));
    multiplyByTranspose(c.data() + a * kDistanceBlock * cols, cols, c.data() + b * kDistanceBlock * cols, cols, ma, mb,
                        cols, g.data());
  };
  const auto fill = [&](Index a, Index b, const std::vector<double>& g, Index ma, Index mb) {
    for (Index r = 0; r < ma; ++r)
      for (Index s = 0; s < mb; ++s) {
        const Index i = a * kDistanceBlock + r, j = b * kDistanceBlock + s;
        if (j < i) continue;
        const double v = i == j ? 0.0 : std::max(0.0, norms(i) + norms(j) - 2.0 * g[static_cast<std::size_t>(r * mb + s)]);
        d(i, j) = v;
        d(j, i) = v;
      }
  };
  tbb::parallel_for(Index{0}, blocks, [&](Index a) {
    std::vector<double> g;
    Index ma = 0, mb = 0;
    gram(a, a, g, ma, mb);
    for (Index r = 0; r < ma; ++r) norms(a * kDistanceBlock + r) = g[static_cast<std::size_t>(r * ma + r)];
    fill(a, a, g, ma, mb);
  });
  tbb::parallel_for(Index{0}, blocks * blocks, [&](Index k) {
    const Index a = k / blocks, b = k % blocks;
    if (b <= a) return;
    std::vector<double> g;
    Index ma = 0, mb = 0;
    gram(a, b, g, ma, mb);
    fill(a, b, g, ma, mb);
  });
}

}  // namespace

Eigen::MatrixXd squaredDistances(const Matrix& x) {
  const Index n = x.rows();
  Eigen::MatrixXd d(n, n);
  if (x.cols() >= kGramDims) {
    squaredDistancesByProducts(x, d);
    return d;
  }
  // Row i fills (i, j) and (j, i) for j >= i: every entry has exactly one writer.
  tbb::parallel_for(tbb::blocked_range<Index>(0, n), [&](const tbb::blocked_range<Index>& rows) {
    for (Index i = rows.begin(); i < rows.end(); ++i) {
      d(i, i) = 0.0;
      for (Index j = i + 1; j < n; ++j) {
        const double v = (x.row(i) - x.row(j)).squaredNorm();
        d(i, j) = v;
        d(j, i) = v;
      }
    }
  });
  return d;
}

Eigen::MatrixXd gaussianGram(const Matrix& x, double sigma) {
  Eigen::MatrixXd g = squaredDistances(x);
  const double scale = -1.0 / (2.0 * sigma * sigma);
  tbb::parallel_for(tbb::blocked_range<Index>(0, g.cols()), [&](const tbb::blocked_range<Index>& cols) {
    for (Index j = cols.begin(); j < cols.end(); ++j)
      for (Index i = 0; i < g.rows(); ++i) g(i, j) = std::exp(scale * g(i, j));
  });
  return g;
}

Eigen::MatrixXd deltaGram(const Labels& labels) {
  const Index n = static_cast<Index>(labels.size());
  Eigen::MatrixXd k(n, n);
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < n; ++i)
      k(i, j) = labels[static_cast<std::size_t>(i)] == labels[static_cast<std::size_t>(j)] ? 1.0 : 0.0;
  return k;
}

double medianPairwiseDistance(const Matrix& x) {
  const Index n = x.rows();
  const Eigen::MatrixXd d = squaredDistances(x);
  std::vector<double> pairs;
  pairs.reserve(static_cast<std::size_t>(n * (n - 1) / 2));
  for (Index i = 0; i < n; ++i)
    for (Index j = i + 1; j < n; ++j)
      if (d(i, j) > 0.0) pairs.push_back(d(i, j));
  if (pairs.empty()) return 1.0;
  // Squared distances have the same order as distances; take the roots of the middle ones only.
  const std::size_t mid = pairs.size() / 2;
  std::nth_element(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(mid), pairs.end());
  const double upper = std::sqrt(pairs[mid]);
  if (pairs.size() % 2 == 1) return upper;
  const double lower = std::sqrt(*std::max_element(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(mid)));
  return 0.5 * (lower + upper);
}

double silvermanWidth(const Matrix& x) {
  const Index n = x.rows(), d = x.cols();
  if (n < 2) return 1.0;
  const Eigen::RowVectorXd mean = x.colwise().mean();
  const double meanVariance =
      (x.rowwise() - mean).colwise().squaredNorm().sum() / (static_cast<double>(n - 1) * static_cast<double>(d));
  if (!(meanVariance > 0.0)) return 1.0;
  const double dd = static_cast<double>(d);
  return std::sqrt(meanVariance) * std::pow(4.0 / (dd + 2.0), 1.0 / (dd + 4.0)) *
         std::pow(static_cast<double>(n), -1.0 / (dd + 4.0));
}

double kernelWidth(const Matrix& x, KernelWidthRule rule, double fixedSigma, miwb::Random& rng,
                   Index medianRows) {
  switch (rule) {
    case KernelWidthRule::Median:
      if (x.rows() <= medianRows) return medianPairwiseDistance(x);
      return medianPairwiseDistance(x(sampleWithoutReplacement(x.rows(), medianRows, rng), Eigen::all));
    case KernelWidthRule::Silverman: return silvermanWidth(x);
    case KernelWidthRule::Fixed: break;
  }
  return fixedSigma;
}

bool parseKernelWidthRule(const std::string& text, KernelWidthRule& out) {
  if (text == "median") out = KernelWidthRule::Median;
  else if (text == "silverman") out = KernelWidthRule::Silverman;
  else if (text == "fixed") out = KernelWidthRule::Fixed;
  else return false;
  return true;
}

std::vector<Index> sampleWithoutReplacement(Index n, Index count, miwb::Random& rng) {
  std::vector<Index> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), Index{0});
  if (count >= n) return all;
  for (Index i = 0; i < count; ++i) {
    const Index j = i + static_cast<Index>(rng.integer(static_cast<std::uint64_t>(n - i)));
    std::swap(all[static_cast<std::size_t>(i)], all[static_cast<std::size_t>(j)]);
  }
  all.resize(static_cast<std::size_t>(count));
  std::sort(all.begin(), all.end());
  return all;
}

const Labels* stratumLabels(const Variable& x, const Variable& y) {
  if (x.isDiscreteOnly()) return &x.labels();
  if (y.isDiscreteOnly()) return &y.labels();
  return nullptr;
}

std::vector<Index> subsampleRows(Index n, std::optional<Index> maxSamples, const Labels* strata, miwb::Random& rng) {
  if (!maxSamples || *maxSamples >= n || !strata) return sampleWithoutReplacement(n, maxSamples.value_or(n), rng);
  const DenseLabels classes = denseLabels(*strata);
  const std::size_t k = classes.counts.size();
  // Quotas: floor of each class's share, then one more row for the largest remainders.
  std::vector<Index> quota(k);
  std::vector<std::pair<double, std::size_t>> remainders;
  Index given = 0;
  for (std::size_t c = 0; c < k; ++c) {
    const double share = static_cast<double>(classes.counts[c]) * static_cast<double>(*maxSamples) / static_cast<double>(n);
    quota[c] = static_cast<Index>(share);
    given += quota[c];
    remainders.emplace_back(-(share - static_cast<double>(quota[c])), c);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t r = 0; given < *maxSamples && r < k; ++r, ++given) ++quota[remainders[r].second];
  std::vector<std::vector<Index>> members(k);
  for (Index i = 0; i < n; ++i) members[static_cast<std::size_t>(classes.codes[static_cast<std::size_t>(i)])].push_back(i);
  std::vector<Index> kept;
  for (std::size_t c = 0; c < k; ++c)
    for (Index j : sampleWithoutReplacement(static_cast<Index>(members[c].size()), quota[c], rng))
      kept.push_back(members[c][static_cast<std::size_t>(j)]);
  std::sort(kept.begin(), kept.end());
  return kept;
}

}  // namespace miwb
