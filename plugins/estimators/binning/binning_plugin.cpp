#include "binning_plugin.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "miwb/numerics/discretise.h"
#include "miwb/numerics/entropy.h"
#include "birge_rozenholc.h"
#include "miwb/param_reader.h"

namespace miwb::binning {

namespace {

using miwb::DenseLabels;
using miwb::Status;
using miwb::Variable;

struct BinningSettings {
  int bins = 0;  // 0: auto, the Birge-Rozenholc count of each variable
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

  // I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(Z) - H(X,Y,Z) from the symbol frequencies, each entropy with its
  // correctly rounded sum; Z is binned like X and Y (or used by its labels).
  Status conditionalMutualInformation(const Variable& x, const Variable& y, const Variable& z, miwb::RunContext& ctx,
                                      miwb::Estimate& out) const override {
    if (x.samples() != y.samples() || y.samples() != z.samples())
      return Status::invalidInput("x, y and z have different numbers of samples");
    const DenseLabels sx = symbolsOf(x), sy = symbolsOf(y), sz = symbolsOf(z);
    if (ctx.cancelled()) return Status::cancelled();
    const DenseLabels sxz = miwb::jointSymbols(sx, sz), syz = miwb::jointSymbols(sy, sz);
    const double hxz = miwb::plugInEntropy(sxz.counts), hyz = miwb::plugInEntropy(syz.counts),
                 hz = miwb::plugInEntropy(sz.counts), hxyz = miwb::plugInEntropy(miwb::jointSymbols(sxz, sy).counts);
    // >= 0 exactly (the sum of the strata's MI); rounding can leave -1e-16.
    out.valueNats = std::max(0.0, hxz + hyz - hz - hxyz);
    out.details = {{"h_xz", hxz},
                   {"h_yz", hyz},
                   {"h_z", hz},
                   {"h_xyz", hxyz},
                   {"symbols_x", sx.counts.size()},
                   {"symbols_y", sy.counts.size()},
                   {"symbols_z", sz.counts.size()},
                   {"chi2_dof", stratifiedDegreesOfFreedom(sz, sxz, syz)}};
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
                   {"symbols_y", sy.counts.size()},
                   {"chi2_dof", gTestDegreesOfFreedom(sx.counts.size(), sy.counts.size())}};
    return out;
  }

  // The G-test's degrees of freedom, (Bx - 1)(By - 1), over the symbols that occur: 2 N I is
  // asymptotically chi-square with them when X and Y are independent.
  static std::size_t gTestDegreesOfFreedom(std::size_t bx, std::size_t by) {
    return bx > 0 && by > 0 ? (bx - 1) * (by - 1) : 0;
  }

  // The conditional G-test's degrees of freedom: the sum over the strata of Z of (Bx_z - 1)(By_z - 1),
  // with Bx_z, By_z the symbols of X and Y that occur with z (a stratum where either is constant adds 0).
  static std::size_t stratifiedDegreesOfFreedom(const DenseLabels& sz, const DenseLabels& sxz, const DenseLabels& syz) {
    std::vector<std::size_t> bx(sz.counts.size(), 0), by(sz.counts.size(), 0);
    std::vector<bool> seenXz(sxz.counts.size(), false), seenYz(syz.counts.size(), false);
    for (std::size_t i = 0; i < sz.codes.size(); ++i) {
      const auto stratum = static_cast<std::size_t>(sz.codes[i]);
      const auto xz = static_cast<std::size_t>(sxz.codes[i]), yz = static_cast<std::size_t>(syz.codes[i]);
      if (!seenXz[xz]) {
        seenXz[xz] = true;
        ++bx[stratum];
      }
      if (!seenYz[yz]) {
        seenYz[yz] = true;
        ++by[stratum];
      }
    }
    std::size_t dof = 0;
    for (std::size_t s = 0; s < bx.size(); ++s) dof += gTestDegreesOfFreedom(bx[s], by[s]);
    return dof;
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
    return miwb::BinEdges::uniform(lo, hi, settings_.bins > 0 ? settings_.bins : birgeRozenholcBins(values, lo, hi));
  }

  BinningSettings settings_;
};

}  // namespace

Status BinningEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                      std::unique_ptr<miwb::Estimator>& out) const {
  miwb::ParamReader read(params, estimatorId);
  BinningSettings settings;
  settings.bins = read.get<std::optional<int>>("bins").value_or(0);
  settings.adaptive = read.choice<bool>("scheme", {{"uniform", false}, {"adaptive", true}});
  const auto range = read.get<std::optional<std::vector<double>>>("range");
  MIWB_TRY(read.status());
  if (settings.bins == 0 && settings.adaptive)
    return Status::invalidInput("parameter 'bins' of 'binning' is auto (Birge-Rozenholc), which applies to scheme 'uniform' "
                                "only; give a number of bins with scheme 'adaptive'")
        .atField("bins");
  if (range) {
    if (settings.adaptive)
      return Status::invalidInput("parameter 'range' of 'binning' applies to scheme 'uniform' only; "
                                  "leave it unset (auto) with scheme 'adaptive'")
          .atField("range");
    // The schema fixes the length at 2; lo < hi is what it cannot say.
    const double lo = range->at(0), hi = range->at(1);
    if (!(lo < hi))
      return Status::invalidInput("parameter 'range' of 'binning' must be [lo, hi] with lo < hi, got " +
                                  params.at("range").dump())
          .atField("range");
    settings.range = std::make_pair(lo, hi);
  }
  out = std::make_unique<BinningEstimator>(settings);
  return Status::ok();
}

}  // namespace miwb::binning
