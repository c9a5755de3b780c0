#include "binning_plugin.h"

#include <optional>
#include <vector>

#include "miwb/numerics/discretise.h"
#include "miwb/numerics/entropy.h"
#include "miwb/param_reader.h"

namespace miwb::binning {

namespace {

using miwb::DenseLabels;
using miwb::Status;
using miwb::Variable;

struct BinningSettings {
  int bins = 0;
  std::optional<std::pair<double, double>> range;  // empty: from the data
  bool adaptive = false;
};

class BinningEstimator final : public miwb::Estimator {
 public:
  explicit BinningEstimator(BinningSettings settings) : settings_(settings) {}

  Status mutualInformation(const Variable& x, const Variable& y, miwb::RunContext& ctx,
                           miwb::Estimate& out) const override {
    if (x.samples() != y.samples())
      return Status::invalidInput("x and y have different numbers of samples");
    const DenseLabels sx = symbolsOf(x), sy = symbolsOf(y);
    if (ctx.cancelled()) return Status::cancelled();
    out = estimateFrom(sx, sy);
    return Status::ok();
  }

  // T is discretised once for both quantities; each equals its mutualInformation() bit for bit.
  Status informationPlane(const Variable& x, const Variable& t, const Variable& y, miwb::RunContext& ctx,
                          miwb::Estimate& xt, miwb::Estimate& ty) const override {
    if (x.samples() != t.samples() || t.samples() != y.samples())
      return Status::invalidInput("x, t and y have different numbers of samples");
    const DenseLabels sx = symbolsOf(x), st = symbolsOf(t), sy = symbolsOf(y);
    if (ctx.cancelled()) return Status::cancelled();
    xt = estimateFrom(sx, st);
    ty = estimateFrom(st, sy);
    return Status::ok();
  }

  Status entropy(const Variable& x, miwb::RunContext&, miwb::Estimate& out) const override {
    const DenseLabels sx = symbolsOf(x);
    out.valueNats = miwb::plugInEntropy(sx.counts);
    out.details = {{"symbols", sx.counts.size()}};
    return Status::ok();
  }

 private:
  static miwb::Estimate estimateFrom(const DenseLabels& sx, const DenseLabels& sy) {
    const miwb::PlugInInformation h = miwb::plugInInformation(sx, sy);
    miwb::Estimate out;
    out.valueNats = h.mutualInformation();
    out.details = {{"h_x", h.hx},
                   {"h_y", h.hy},
                   {"h_xy", h.hxy},
                   {"symbols_x", sx.counts.size()},
                   {"symbols_y", sy.counts.size()}};
    return out;
  }

  // Labels when the variable has them (classes, or one symbol per distinct input), else one symbol
  // per row of bin indices.
  DenseLabels symbolsOf(const Variable& v) const {
    if (v.hasLabels()) return miwb::denseLabels(v.labels());
    return miwb::discretiseRows(v.values(), edgesFor(v.values()));
  }

  miwb::BinEdges edgesFor(const miwb::Matrix& values) const {
    if (settings_.adaptive) return miwb::BinEdges::adaptive(values, settings_.bins);
    double lo = 0.0, hi = 0.0;
    if (settings_.range) {
      lo = settings_.range->first;
      hi = settings_.range->second;
    } else {
      miwb::BinEdges::dataRange(values, lo, hi);
    }
    return miwb::BinEdges::uniform(lo, hi, settings_.bins);
  }

  BinningSettings settings_;
};

}  // namespace

Status BinningEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                      std::unique_ptr<miwb::Estimator>& out) const {
  miwb::ParamReader read(params, estimatorId);
  BinningSettings settings;
  settings.bins = read.get<int>("bins");
  settings.adaptive = read.choice<bool>("scheme", {{"uniform", false}, {"adaptive", true}});
  const auto range = read.get<std::optional<std::vector<double>>>("range");
  MIWB_TRY(read.status());
  if (range) {
    if (settings.adaptive)
      return Status::invalidInput("parameter 'range' of 'binning' applies to scheme 'uniform' only; "
                                  "leave it unset (auto) with scheme 'adaptive'");
    // The schema fixes the length at 2; lo < hi is what it cannot say.
    const double lo = range->at(0), hi = range->at(1);
    if (!(lo < hi))
      return Status::invalidInput("parameter 'range' of 'binning' must be [lo, hi] with lo < hi, got " +
                                  params.at("range").dump());
    settings.range = std::make_pair(lo, hi);
  }
  out = std::make_unique<BinningEstimator>(settings);
  return Status::ok();
}

}  // namespace miwb::binning
