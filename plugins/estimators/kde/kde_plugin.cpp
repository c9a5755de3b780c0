#include "kde_plugin.h"

#include <cmath>
#include <numbers>

#include "miwb/numerics/pairwise.h"
#include "miwb/param_reader.h"

namespace miwb::kde {

namespace {

using miwb::DenseLabels;
using miwb::Index;
using miwb::Matrix;
using miwb::Status;
using miwb::Variable;

enum class Bound { Upper, Lower };

// ln of the mean kernel value per row: over all rows, and over the rows of the row's own class.
struct RowLogMeans {
  std::vector<double> all, within;
};

// Kolchinsky & Tracey (2017) bound H(T) of the mixture (1/N) sum_i N(t_i, s2 I) by the entropy of one
// component minus the mean of ln (1/N) sum_j exp(-dist(i, j)): the KL divergence D_ij / (2 s2) gives an
// upper bound, the Bhattacharyya distance D_ij / (8 s2) a lower one. Both are a Gaussian kernel of
// variance v (s2 or 4 s2), which is what gaussianKernelLogMeans() sums.
class KdeEstimator final : public miwb::Estimator {
 public:
  KdeEstimator(std::string id, Bound bound, double noiseVariance)
      : id_(std::move(id)), bound_(bound), noiseVariance_(noiseVariance) {}

  Status mutualInformation(const Variable& x, const Variable& y, miwb::RunContext& ctx,
                           miwb::Estimate& out) const override {
    if (x.samples() != y.samples()) return Status::invalidInput("x and y have different numbers of samples");
    const Variable* t = nullptr;
    const Variable* labelled = nullptr;
    MIWB_TRY(pickSides(x, y, t, labelled));
    const DenseLabels classes = miwb::denseLabels(labelled->labels());
    RowLogMeans logMeans;
    MIWB_TRY(rowLogMeans(t->values(), classes, true, ctx, logMeans));
    out = estimateFrom(logMeans, classes, t->dims());
    return Status::ok();
  }

  // H(T) needs every pair of rows; the within-class terms of the classes Y come from the same pass, and
  // those of the input symbols X (usually one row each) from a pass over pairs with equal inputs only.
  Status informationPlane(const Variable& x, const Variable& t, const Variable& y, miwb::RunContext& ctx,
                          miwb::Estimate& xt, miwb::Estimate& ty) const override {
    if (x.samples() != t.samples() || t.samples() != y.samples())
      return Status::invalidInput("x, t and y have different numbers of samples");
    const Variable *continuousXt = nullptr, *continuousTy = nullptr, *labelled = nullptr;
    MIWB_TRY(pickSides(x, t, continuousXt, labelled));
    MIWB_TRY(pickSides(t, y, continuousTy, labelled));
    if (continuousXt != &t || continuousTy != &t)  // T is not the continuous side of both pairs
      return miwb::Estimator::informationPlane(x, t, y, ctx, xt, ty);
    const DenseLabels xClasses = miwb::denseLabels(x.labels()), yClasses = miwb::denseLabels(y.labels());
    RowLogMeans withY, withX;
    MIWB_TRY(rowLogMeans(t.values(), yClasses, true, ctx, withY));
    MIWB_TRY(rowLogMeans(t.values(), xClasses, false, ctx, withX));
    withX.all = withY.all;
    xt = estimateFrom(withX, xClasses, t.dims());
    ty = estimateFrom(withY, yClasses, t.dims());
    return Status::ok();
  }

  Status entropy(const Variable& x, miwb::RunContext& ctx, miwb::Estimate& out) const override {
    if (!x.hasValues())
      return Status::unsupported("'" + id_ + "' estimates the entropy of continuous values, and x has only labels");
    miwb::KernelLogMeans logMeans;
    MIWB_TRY(miwb::gaussianKernelLogMeans(x.values(), {0, x.samples()}, kernelVariance(), ctx, logMeans));
    double sumAll = 0.0;
    for (double v : logMeans.all) sumAll += v;
    out.valueNats = componentEntropy(x.dims()) - sumAll / static_cast<double>(x.samples());
    out.details = {{"bound", bound_ == Bound::Upper ? "upper" : "lower"}, {"noise_entropy", componentEntropy(x.dims())}};
    return Status::ok();
  }

 private:
  // The continuous side is T (values without labels); the other side supplies the classes.
  Status pickSides(const Variable& x, const Variable& y, const Variable*& t, const Variable*& labelled) const {
    const bool xContinuous = x.hasValues() && !x.hasLabels(), yContinuous = y.hasValues() && !y.hasLabels();
    if (xContinuous && yContinuous)
      return Status::unsupported("'" + id_ + "' needs labels on one side (classes Y or input symbols X), but x and y "
                                 "are both continuous; use a kNN estimator such as ksg for two continuous variables");
    if (xContinuous && y.hasLabels()) {
      t = &x;
      labelled = &y;
    } else if (yContinuous && x.hasLabels()) {
      t = &y;
      labelled = &x;
    } else {
      return Status::unsupported("'" + id_ + "' needs one continuous side (values without labels) as T, and neither x "
                                 "nor y is one");
    }
    return Status::ok();
  }

  double kernelVariance() const { return bound_ == Bound::Upper ? noiseVariance_ : 4.0 * noiseVariance_; }

  // Per row (in the rows' own order): the log mean kernel over all rows (when `withAll`) and over the
  // row's class. The kernel sums run on the rows sorted by class (stable), so each class is one
  // contiguous block.
  Status rowLogMeans(const Matrix& t, const DenseLabels& classes, bool withAll, miwb::RunContext& ctx,
                     RowLogMeans& out) const {
    const Index n = t.rows(), d = t.cols();
    std::vector<Index> blockStarts(classes.counts.size() + 1, 0);
    for (std::size_t c = 0; c < classes.counts.size(); ++c) blockStarts[c + 1] = blockStarts[c] + classes.counts[c];
    std::vector<Index> nextRow(blockStarts.begin(), blockStarts.end() - 1), position(static_cast<std::size_t>(n));
    Matrix sorted(n, d);
    for (Index i = 0; i < n; ++i) {
      const Index p = nextRow[static_cast<std::size_t>(classes.codes[static_cast<std::size_t>(i)])]++;
      position[static_cast<std::size_t>(i)] = p;
      sorted.row(p) = t.row(i);
    }
    miwb::KernelLogMeans sums;
    if (withAll)
      MIWB_TRY(miwb::gaussianKernelLogMeans(sorted, blockStarts, kernelVariance(), ctx, sums));
    else
      MIWB_TRY(miwb::gaussianKernelBlockLogMeans(sorted, blockStarts, kernelVariance(), ctx, sums.block));
    out.all.assign(withAll ? static_cast<std::size_t>(n) : 0, 0.0);
    out.within.assign(static_cast<std::size_t>(n), 0.0);
    for (std::size_t i = 0; i < position.size(); ++i) {
      const auto p = static_cast<std::size_t>(position[i]);
      if (withAll) out.all[i] = sums.all[p];
      out.within[i] = sums.block[p];
    }
    return Status::ok();
  }

  // I = H(T) - sum_c p(c) H(T|c). The component entropy cancels, leaving the mean over rows of
  // (log mean within the row's class) - (log mean over all rows); summing the differences keeps
  // precision when I is small. Rows are summed in their own order, whatever pass gave the terms.
  miwb::Estimate estimateFrom(const RowLogMeans& logMeans, const DenseLabels& classes, Index d) const {
    double sumAll = 0.0, sumWithin = 0.0, sumDiff = 0.0;
    for (std::size_t i = 0; i < logMeans.all.size(); ++i) {
      sumAll += logMeans.all[i];
      sumWithin += logMeans.within[i];
      sumDiff += logMeans.within[i] - logMeans.all[i];
    }
    const double nd = static_cast<double>(logMeans.all.size()), component = componentEntropy(d);
    miwb::Estimate out;
    out.valueNats = sumDiff / nd;
    out.details = {{"bound", bound_ == Bound::Upper ? "upper" : "lower"},
                   {"h_t", component - sumAll / nd},
                   {"h_t_given_labels", component - sumWithin / nd},
                   {"noise_entropy", component},
                   {"classes", classes.counts.size()}};
    return out;
  }

  // Entropy of one mixture component, d/2 (ln(2 pi s2) + 1); also H(T|X) when T = f(X) + noise.
  // For the lower bound, d/2 (ln(2 pi 4 s2) + 1) + d/2 ln(1/4) is the same number.
  double componentEntropy(Index d) const {
    return 0.5 * static_cast<double>(d) * (std::log(2.0 * std::numbers::pi * noiseVariance_) + 1.0);
  }

  std::string id_;
  Bound bound_;
  double noiseVariance_;
};

}  // namespace

Status KdeEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                  std::unique_ptr<miwb::Estimator>& out) const {
  miwb::ParamReader read(params, estimatorId);
  const double noiseVariance = read.get<double>("noise_variance");
  MIWB_TRY(read.status());
  if (estimatorId == "kde-upper")
    out = std::make_unique<KdeEstimator>(estimatorId, Bound::Upper, noiseVariance);
  else if (estimatorId == "kde-lower")
    out = std::make_unique<KdeEstimator>(estimatorId, Bound::Lower, noiseVariance);
  else
    return Status::invalidInput("the kde plugin offers 'kde-upper' and 'kde-lower', not '" + estimatorId + "'");
  return Status::ok();
}

}  // namespace miwb::kde
