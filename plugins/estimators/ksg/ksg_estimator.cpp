#include "ksg_estimator.h"

#include <exception>
#include <new>

#include "column_preparation.h"
#include "continuous_mi.h"
#include "discrete_mi.h"
#include "kl_entropy.h"
#include "mixed_mi.h"
#include "pca_compression.h"

namespace miwb::ksg {
namespace {

// Noise streams, so X and Y get independent jitter whatever the call order.
constexpr std::uint64_t kStreamX = 1, kStreamY = 2;

// True when every sample has the same values: such a variable carries no information. Algorithm 1
// already gives 0 for it, but algorithm 2's formula gives -1/k + 1/(N-1) (every marginal count is
// N-1), so it is answered directly.
bool isConstant(const miwb::Variable& v) {
  if (!v.hasValues() || v.values().rows() == 0) return false;
  const miwb::Matrix& m = v.values();
  return (m.rowwise() - m.row(0)).cwiseAbs().maxCoeff() == 0.0;
}

}  // namespace

miwb::Status KsgEstimator::checkSamples(miwb::Index n) const {
  if (n < options_.k + 1)
    return miwb::Status::invalidInput("parameter 'k' of 'ksg' is " + std::to_string(options_.k) + " but there are only " +
                                      std::to_string(n) + " samples; k must be at most N - 1");
  return miwb::Status::ok();
}

miwb::Status KsgEstimator::mutualInformation(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext& ctx,
                                             miwb::Estimate& out) const {
  // Plugin calls must not throw: allocation failures on huge inputs become a status.
  try {
    return estimateMi(x, y, ctx, out);
  } catch (const std::bad_alloc&) {
    return miwb::Status::failed("ksg ran out of memory for " + std::to_string(x.samples()) + " samples");
  } catch (const std::exception& e) {
    return miwb::Status::failed(std::string("ksg failed: ") + e.what());
  }
}

miwb::Status KsgEstimator::estimateMi(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext& ctx,
                                      miwb::Estimate& out) const {
  const miwb::Index n = x.samples();
  if (y.samples() != n)
    return miwb::Status::invalidInput("x has " + std::to_string(n) + " samples but y has " + std::to_string(y.samples()));
  MIWB_TRY(checkSamples(n));
  if (isConstant(x) || isConstant(y)) {
    out.valueNats = 0.0;
    out.stderrNats = 0.0;
    out.details["method"] = "constant variable: I = 0";
    return miwb::Status::ok();
  }
  if (!x.hasValues() && !y.hasValues()) return discreteMi(x.labels(), y.labels(), out);
  // Compression comes before standardizing, so that the principal components keep the variables'
  // own scales (standardizing first would weigh a noise column like a signal column).
  miwb::Matrix cx, cy;
  if (x.hasValues()) MIWB_TRY(compressColumns(x.values(), options_, cx).withContext("x"));
  if (y.hasValues()) MIWB_TRY(compressColumns(y.values(), options_, cy).withContext("y"));
  if (x.hasValues()) out.details["dx_used"] = cx.cols();
  if (y.hasValues()) out.details["dy_used"] = cy.cols();
  miwb::Status status;
  if (x.hasValues() && y.hasValues())
    status = continuousMi(prepareColumns(std::move(cx), options_, ctx, kStreamX),
                          prepareColumns(std::move(cy), options_, ctx, kStreamY), options_, ctx, out);
  else if (x.hasValues())
    status = mixedMi(prepareColumns(std::move(cx), options_, ctx, kStreamX), y.labels(), options_.k, options_.search, ctx, out);
  else
    status = mixedMi(prepareColumns(std::move(cy), options_, ctx, kStreamY), x.labels(), options_.k, options_.search, ctx, out);
  return status;
}

miwb::Status KsgEstimator::entropy(const miwb::Variable& x, miwb::RunContext& ctx, miwb::Estimate& out) const {
  try {
    MIWB_TRY(checkSamples(x.samples()));
    if (!x.hasValues()) return discreteEntropy(x.labels(), out);
    // Differential entropy changes under scaling, so the values are not standardized here.
    Options raw = options_;
    raw.standardize = false;
    return klEntropy(prepareColumns(x.values(), raw, ctx, kStreamX), options_.k, options_.search, ctx, out);
  } catch (const std::bad_alloc&) {
    return miwb::Status::failed("ksg ran out of memory for " + std::to_string(x.samples()) + " samples");
  } catch (const std::exception& e) {
    return miwb::Status::failed(std::string("ksg failed: ") + e.what());
  }
}

}  // namespace miwb::ksg
