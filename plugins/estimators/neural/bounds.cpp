#include "bounds.h"

#include <algorithm>
#include <cmath>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace miwb::neural {

namespace {

double offDiagonalCount(const Mat& f) { return static_cast<double>(f.rows()) * static_cast<double>(f.rows() - 1); }

double offDiagonalMax(const Mat& f) {
  double m = -INFINITY;
  for (Index j = 0; j < f.cols(); ++j)
    for (Index i = 0; i < f.rows(); ++i)
      if (i != j) m = std::max(m, f(i, j));
  return m;
}

double offDiagonalMean(const Mat& f) { return (f.sum() - f.trace()) / offDiagonalCount(f); }

double logAddExp(double a, double b) {
  const double m = std::max(a, b);
  return m + std::log1p(std::exp(-std::fabs(a - b)));
}

double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }
double sigmoid(double z) { return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z)); }

// Rows of a batch are cut into this many blocks for InfoNCE's row sums, run in parallel: a number
// that depends on nothing but K, so that every sum has the same order at any thread count.
constexpr Index kRowBlocks = 16;

// ln K + mean_i (F_ii - ln sum_j e^{F_ij}), and its gradient into dF if given. Blocks of rows in
// parallel, each column's segment at a time (contiguous, so that Eigen vectorises the exponential),
// one exponential per score, held in dF (or a local) as e^{F_ij - max_j F_ij} before scaling.
double infoNce(const Mat& f, Mat* dF) {
  const Index k = f.rows();
  Mat local;
  Mat& e = dF ? *dF : local;
  e.resize(k, k);
  Eigen::ArrayXd terms(k);  // F_ii - ln sum_j e^{F_ij}
  const Index per = (k + kRowBlocks - 1) / kRowBlocks;
  const double kd = static_cast<double>(k);
  tbb::parallel_for(tbb::blocked_range<Index>(0, (k + per - 1) / per, 1), [&](const tbb::blocked_range<Index>& r) {
    for (Index b = r.begin(); b != r.end(); ++b) {
      const Index first = b * per, n = std::min(per, k - first);
      const Eigen::ArrayXd m = f.middleRows(first, n).rowwise().maxCoeff();
      Eigen::ArrayXd sums = Eigen::ArrayXd::Zero(n);
      for (Index j = 0; j < k; ++j) {
        auto segment = e.col(j).segment(first, n).array();
        segment = (f.col(j).segment(first, n).array() - m).exp();
        sums += segment;
      }
      for (Index i = 0; i < n; ++i) terms(first + i) = f(first + i, first + i) - m(i) - std::log(sums(i));
      if (!dF) continue;
      const Eigen::ArrayXd scale = -1.0 / (sums * kd);
      for (Index j = 0; j < k; ++j) e.col(j).segment(first, n).array() *= scale;
      for (Index i = first; i < first + n; ++i) e(i, i) += 1.0 / kd;
    }
  });
  return std::log(kd) + terms.sum() / kd;
}

// Sets the diagonal of dF to 1/K (the gradient of mean_i F_ii).
void setDiagonalGradient(Mat& dF) { dF.diagonal().setConstant(1.0 / static_cast<double>(dF.rows())); }

}  // namespace

bool parseBound(const std::string& id, BoundKind& out) {
  if (id == "dv") out = BoundKind::Dv;
  else if (id == "mine") out = BoundKind::Mine;
  else if (id == "nwj") out = BoundKind::Nwj;
  else if (id == "infonce") out = BoundKind::InfoNce;
  else if (id == "smile") out = BoundKind::Smile;
  else if (id == "wdm") out = BoundKind::Wdm;
  else return false;
  return true;
}

double offDiagonalLogMeanExp(const Mat& f) {
  const double m = offDiagonalMax(f);
  if (!std::isfinite(m)) return m;
  const double sum = (f.array() - m).exp().sum() - (f.diagonal().array() - m).exp().sum();
  return m + std::log(sum / offDiagonalCount(f));
}

double boundValue(BoundKind kind, const Mat& f, double tau) {
  const double joint = f.diagonal().mean();
  switch (kind) {
    case BoundKind::Dv:
    case BoundKind::Mine: return joint - offDiagonalLogMeanExp(f);
    case BoundKind::Nwj: return joint - std::exp(offDiagonalLogMeanExp(f) - 1.0);
    case BoundKind::InfoNce: return infoNce(f, nullptr);
    case BoundKind::Smile: return joint - offDiagonalLogMeanExp(f.cwiseMax(-tau).cwiseMin(tau));
    case BoundKind::Wdm: return joint - offDiagonalMean(f);
  }
  return 0.0;
}

double TrainingObjective::gradient(const Mat& f, Mat& dF) {
  const Index k = f.rows();
  const double n = offDiagonalCount(f);
  switch (kind_) {
    case BoundKind::Dv: {
      // d/dF_ij ln mean e^F = e^{F_ij} / sum e^F.
      const double lme = offDiagonalLogMeanExp(f);
      dF = -(f.array() - lme).exp() / n;
      setDiagonalGradient(dF);
      return f.diagonal().mean() - lme;
    }
    case BoundKind::Mine: {
      const double lme = offDiagonalLogMeanExp(f);
      // The average of the means, kept in log space so that large scores do not overflow.
      logAverage_ = started_ ? logAddExp(std::log1p(-emaRate_) + logAverage_, std::log(emaRate_) + lme) : lme;
      started_ = true;
      dF = -(f.array() - logAverage_).exp() / n;
      setDiagonalGradient(dF);
      return f.diagonal().mean() - lme;
    }
    case BoundKind::Nwj:
      dF = -(f.array() - 1.0).exp() / n;
      setDiagonalGradient(dF);
      break;
    case BoundKind::InfoNce: return infoNce(f, &dF);
    case BoundKind::Smile: {
      dF.resize(k, k);
      for (Index j = 0; j < k; ++j)
        for (Index i = 0; i < k; ++i)
          dF(i, j) = i == j ? sigmoid(-f(i, i)) / static_cast<double>(k) : -sigmoid(f(i, j)) / n;
      break;
    }
    case BoundKind::Wdm:
      dF = Mat::Constant(k, k, -1.0 / n);
      setDiagonalGradient(dF);
      break;
  }
  return boundValue(kind_, f, tau_);
}

double jensenShannon(const Mat& f) {
  double joint = 0.0, marginal = 0.0;
  for (Index j = 0; j < f.cols(); ++j)
    for (Index i = 0; i < f.rows(); ++i) {
      if (i == j) joint -= softplus(-f(i, i));
      else marginal += softplus(f(i, j));
    }
  return joint / static_cast<double>(f.rows()) - marginal / offDiagonalCount(f);
}

}  // namespace miwb::neural
