#pragma once
// The "ksg" estimator: picks KSG (both continuous), Ross's mixed estimator (one side labels only)
// or the plug-in estimate (both labels only), after compressing/standardizing/jittering continuous columns.
#include "ksg_options.h"
#include "miwb/estimator.h"

namespace miwb::ksg {

class KsgEstimator final : public miwb::Estimator {
 public:
  explicit KsgEstimator(Options options) : options_(options) {}

  miwb::Status mutualInformation(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext& ctx,
                                 miwb::Estimate& out) const override;
  miwb::Status entropy(const miwb::Variable& x, miwb::RunContext& ctx, miwb::Estimate& out) const override;

 private:
  miwb::Status checkSamples(miwb::Index n) const;
  miwb::Status estimateMi(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext& ctx,
                          miwb::Estimate& out) const;
  Options options_;
};

}  // namespace miwb::ksg
