#pragma once
// The "ksg" estimator: picks KSG (both continuous), Ross's mixed estimator (one side labels only)
// or the plug-in estimate (both labels only), after compressing/standardizing/jittering continuous columns.
#include <cstdint>

#include "ksg_options.h"
#include "miwb/estimator.h"

namespace miwb::ksg {

class KsgEstimator final : public miwb::Estimator {
 public:
  explicit KsgEstimator(Options options) : options_(options) {}

  miwb::Status mutualInformation(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext& ctx,
                                 miwb::Estimate& out) const override;
  miwb::Status entropy(const miwb::Variable& x, miwb::RunContext& ctx, miwb::Estimate& out) const override;
  // Frenzel-Pompe for continuous Z (X and Y continuous too); a Z of labels only conditions by
  // strata: the MI of each value's samples (as mutualInformation() computes it, so X or Y may be
  // labels), weighted by its share.
  miwb::Status conditionalMutualInformation(const miwb::Variable& x, const miwb::Variable& y, const miwb::Variable& z,
                                            miwb::RunContext& ctx, miwb::Estimate& out) const override;

 private:
  // Jitter streams of X and Y; a stratum of Z gets its own pair.
  struct NoiseStreams {
    std::uint64_t x = 1, y = 2;
  };
  miwb::Status checkSamples(miwb::Index n) const;
  miwb::Status estimateMi(const miwb::Variable& x, const miwb::Variable& y, NoiseStreams streams, miwb::RunContext& ctx,
                          miwb::Estimate& out) const;
  miwb::Status estimateCmi(const miwb::Variable& x, const miwb::Variable& y, const miwb::Variable& z,
                           miwb::RunContext& ctx, miwb::Estimate& out) const;
  miwb::Status stratifiedMi(const miwb::Variable& x, const miwb::Variable& y, const miwb::Labels& z,
                            miwb::RunContext& ctx, miwb::Estimate& out) const;
  Options options_;
};

}  // namespace miwb::ksg
