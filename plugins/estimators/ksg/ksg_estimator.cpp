#include "ksg_estimator.h"

#include <cmath>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "column_preparation.h"
#include "conditional_mi.h"
#include "continuous_mi.h"
#include "discrete_mi.h"
#include "kl_entropy.h"
#include "mixed_mi.h"
#include "pca_compression.h"

namespace miwb::ksg {
namespace {

// Z's noise stream, beside X's and Y's (NoiseStreams), so all three get independent jitter whatever
// the call order.
constexpr std::uint64_t kStreamZ = 3;

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
    return estimateMi(x, y, NoiseStreams{}, ctx, out);
  } catch (const std::bad_alloc&) {
    return miwb::Status::failed("ksg ran out of memory for " + std::to_string(x.samples()) + " samples");
  } catch (const std::exception& e) {
    return miwb::Status::failed(std::string("ksg failed: ") + e.what());
  }
}

miwb::Status KsgEstimator::estimateMi(const miwb::Variable& x, const miwb::Variable& y, NoiseStreams streams,
                                      miwb::RunContext& ctx, miwb::Estimate& out) const {
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
    status = continuousMi(prepareColumns(std::move(cx), options_, ctx, streams.x),
                          prepareColumns(std::move(cy), options_, ctx, streams.y), options_, ctx, out);
  else if (x.hasValues())
    status = mixedMi(prepareColumns(std::move(cx), options_, ctx, streams.x), y.labels(), options_.k, options_.search, ctx, out);
  else
    status = mixedMi(prepareColumns(std::move(cy), options_, ctx, streams.y), x.labels(), options_.k, options_.search, ctx, out);
  return status;
}

miwb::Status KsgEstimator::conditionalMutualInformation(const miwb::Variable& x, const miwb::Variable& y,
                                                       const miwb::Variable& z, miwb::RunContext& ctx,
                                                       miwb::Estimate& out) const {
  try {
    return estimateCmi(x, y, z, ctx, out);
  } catch (const std::bad_alloc&) {
    return miwb::Status::failed("ksg ran out of memory for " + std::to_string(x.samples()) + " samples");
  } catch (const std::exception& e) {
    return miwb::Status::failed(std::string("ksg failed: ") + e.what());
  }
}

miwb::Status KsgEstimator::estimateCmi(const miwb::Variable& x, const miwb::Variable& y, const miwb::Variable& z,
                                       miwb::RunContext& ctx, miwb::Estimate& out) const {
  const miwb::Index n = x.samples();
  if (y.samples() != n || z.samples() != n)
    return miwb::Status::invalidInput("x has " + std::to_string(n) + " samples but y has " + std::to_string(y.samples()) +
                                      " and z " + std::to_string(z.samples()));
  MIWB_TRY(checkSamples(n));
  if (!z.hasValues()) return stratifiedMi(x, y, z.labels(), ctx, out);
  if (!x.hasValues() || !y.hasValues())
    return miwb::Status::invalidInput(
        "ksg conditions on a continuous z only when x and y are continuous too (Frenzel-Pompe); give z as integer "
        "labels to condition by strata, where x or y may be labels");
  if (options_.algorithm != 1)
    return miwb::Status::invalidInput(
        "parameter 'algorithm' of 'ksg' is 2, but I(X;Y|Z) with a continuous z is Frenzel-Pompe, which counts as "
        "algorithm 1 does; set algorithm = 1");
  if (isConstant(x) || isConstant(y)) {
    out.valueNats = 0.0;
    out.stderrNats = 0.0;
    out.details["method"] = "constant variable: I = 0";
    return miwb::Status::ok();
  }
  miwb::Matrix cx, cy, cz;
  MIWB_TRY(compressColumns(x.values(), options_, cx).withContext("x"));
  MIWB_TRY(compressColumns(y.values(), options_, cy).withContext("y"));
  MIWB_TRY(compressColumns(z.values(), options_, cz).withContext("z"));
  out.details["dx_used"] = cx.cols();
  out.details["dy_used"] = cy.cols();
  out.details["dz_used"] = cz.cols();
  const NoiseStreams streams;
  return frenzelPompe(prepareColumns(std::move(cx), options_, ctx, streams.x),
                      prepareColumns(std::move(cy), options_, ctx, streams.y),
                      prepareColumns(std::move(cz), options_, ctx, kStreamZ), options_, ctx, out);
}

miwb::Status KsgEstimator::stratifiedMi(const miwb::Variable& x, const miwb::Variable& y, const miwb::Labels& z,
                                        miwb::RunContext& ctx, miwb::Estimate& out) const {
  const miwb::DenseLabels strata = miwb::denseLabels(z);
  std::vector<std::vector<miwb::Index>> members(strata.counts.size());
  for (std::size_t i = 0; i < strata.codes.size(); ++i)
    members[static_cast<std::size_t>(strata.codes[i])].push_back(static_cast<miwb::Index>(i));
  // A stratum with k samples or fewer has no k-th neighbour: it is left out (as the mixed estimator
  // leaves out labels seen once) and the others' shares are taken among the samples used.
  double weighted = 0.0, variance = 0.0;
  bool haveStderr = true;
  miwb::Index used = 0;
  std::size_t strataUsed = 0;
  for (std::size_t s = 0; s < members.size(); ++s) {
    const auto count = static_cast<miwb::Index>(members[s].size());
    if (count < options_.k + 1) continue;
    // Each stratum its own jitter streams, so strata do not share noise draws.
    const NoiseStreams streams{miwb::mixSeed(1, s + 1), miwb::mixSeed(2, s + 1)};
    miwb::Estimate part;
    MIWB_TRY(estimateMi(x.subset(members[s]), y.subset(members[s]), streams, ctx, part)
                 .withContext("stratum z = " + std::to_string(z[static_cast<std::size_t>(members[s].front())])));
    weighted += static_cast<double>(count) * part.valueNats;
    if (part.stderrNats)
      variance += static_cast<double>(count) * static_cast<double>(count) * *part.stderrNats * *part.stderrNats;
    else
      haveStderr = false;
    used += count;
    ++strataUsed;
  }
  if (used == 0)
    return miwb::Status::invalidInput("no value of z occurs more than k = " + std::to_string(options_.k) +
                                      " times, so no stratum has the k + 1 samples ksg needs");
  const double total = static_cast<double>(used);
  out.valueNats = weighted / total;
  if (haveStderr) out.stderrNats = std::sqrt(variance) / total;
  out.details["method"] = "strata of z: the MI of each value's samples weighted by its share";
  out.details["strata"] = members.size();
  out.details["strata_used"] = strataUsed;
  out.details["samples_used"] = used;
  return miwb::Status::ok();
}

miwb::Status KsgEstimator::entropy(const miwb::Variable& x, miwb::RunContext& ctx, miwb::Estimate& out) const {
  try {
    MIWB_TRY(checkSamples(x.samples()));
    if (!x.hasValues()) return discreteEntropy(x.labels(), out);
    // Differential entropy changes under scaling, so the values are not standardized here.
    Options raw = options_;
    raw.standardize = false;
    return klEntropy(prepareColumns(x.values(), raw, ctx, NoiseStreams{}.x), options_.k, options_.search, ctx, out);
  } catch (const std::bad_alloc&) {
    return miwb::Status::failed("ksg ran out of memory for " + std::to_string(x.samples()) + " samples");
  } catch (const std::exception& e) {
    return miwb::Status::failed(std::string("ksg failed: ") + e.what());
  }
}

}  // namespace miwb::ksg
