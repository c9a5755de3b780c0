#include "miwb/host/trust/calibration_family.h"

#include <algorithm>
#include <cmath>

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb {
namespace {

std::string dimsText(Index dx, Index dy) { return std::to_string(dx) + "+" + std::to_string(dy) + " dims"; }

// The strength parameter of each bmi custom family.
std::string strengthOf(const std::string& family) {
  if (family == "normal-dense" || family == "student-dense") return "rho";
  if (family == "normal-sparse") return "strength";
  if (family == "additive-uniform") return "noise";
  return {};
}

}  // namespace

Status KnownTruthFamily::create(const PluginRegistry& registry, const std::string& family, Index dx, Index dy,
                                KnownTruthFamily& out) {
  KnownTruthFamily f;
  f.registry_ = &registry;
  const bool gaussian = family.empty() ? dx == dy : family == "gaussian";
  const std::string where = "--family " + (family.empty() ? std::string("(default)") : family);
  if (gaussian) {
    if (dx != dy)
      return Status::invalidInput(where + ": the gaussian dataset has dx = dy, the data has " + dimsText(dx, dy));
    f.name_ = "gaussian";
    f.datasetId_ = "gaussian";
    f.strengthParam_ = "rho";
    f.baseParams_ = {{"dim", dx}, {"transform", "none"}};
  } else {
    const std::string chosen = family.empty() ? std::string("normal-dense") : family;
    const auto colon = chosen.find(':');
    const std::string base = chosen.substr(0, colon);
    const std::string transform = colon == std::string::npos ? "none" : chosen.substr(colon + 1);
    f.name_ = chosen;
    f.datasetId_ = "bmi";
    f.strengthParam_ = strengthOf(base);
    if (f.strengthParam_.empty())
      return Status::invalidInput(where + ": no such family (use gaussian, normal-dense, normal-sparse, student-dense or "
                                  "additive-uniform, optionally with :transform)");
    if (!registry.dataset("bmi"))
      return Status::invalidInput(where + ": needs the bmi dataset plugin, which is not loaded");
    f.baseParams_ = {{"task", "custom"}, {"family", base}, {"transform", transform}, {"dx", dx}, {"dy", dy}};
    // The sparse family couples `pairs` coordinates: bmi's 2, or fewer when a side has fewer.
    if (base == "normal-sparse") f.baseParams_["pairs"] = std::min<Index>(2, std::min(dx, dy));
  }
  const auto* entry = registry.dataset(f.datasetId_);
  if (!entry) return Status::invalidInput(where + ": the " + f.datasetId_ + " dataset plugin is not loaded");
  const ParamSpec* spec = entry->info->params.find(f.strengthParam_);
  if (!spec || !spec->maximum)
    return Status::failed(where + ": dataset '" + f.datasetId_ + "' has no bounded parameter '" + f.strengthParam_ + "'");
  // Correlations are swept from 0 (MI is symmetric in their sign); other strengths over their range.
  f.strengthLo_ = f.strengthParam_ == "rho" ? 0.0 : spec->minimum.value_or(0.0);
  f.strengthHi_ = *spec->maximum;
  if (f.strengthParam_ == "noise" && f.strengthLo_ <= 0) f.strengthLo_ = 1e-3;  // noise must be > 0
  double a = 0, b = 0;
  const std::string at = where + " at " + dimsText(dx, dy);
  MIWB_TRY(f.truthAt(f.strengthLo_, a).withContext(at));
  MIWB_TRY(f.truthAt(f.strengthHi_, b).withContext(at));
  f.minTruth_ = std::min(a, b);
  f.maxTruth_ = std::max(a, b);
  out = std::move(f);
  return Status::ok();
}

std::string KnownTruthFamily::description() const {
  if (name_ == "gaussian") return "Gaussian data";
  return "bmi " + name_ + " data";
}

Status KnownTruthFamily::truthAt(double strength, double& truth, std::unique_ptr<PairSource>* source) const {
  Json params = baseParams_;
  params[strengthParam_] = strength;
  std::unique_ptr<PairSource> made;
  MIWB_TRY(registry_->createPairSource(datasetId_, params, made));
  const auto t = made->trueMutualInformation();
  if (!t || !std::isfinite(*t)) return Status::invalidInput("dataset '" + datasetId_ + "' does not know the true MI here");
  truth = *t;
  if (source) *source = std::move(made);
  return Status::ok();
}

Status KnownTruthFamily::sourceFor(double truth, std::unique_ptr<PairSource>& out, double& strength) const {
  double lo = strengthLo_, hi = strengthHi_, tLo = 0, tHi = 0;
  MIWB_TRY(truthAt(lo, tLo));
  MIWB_TRY(truthAt(hi, tHi));
  const bool increasing = tHi >= tLo;
  for (int i = 0; i < 100 && hi - lo > 1e-13 * std::max(1.0, std::fabs(hi)); ++i) {
    const double mid = (lo + hi) / 2;
    double t = 0;
    MIWB_TRY(truthAt(mid, t));
    ((t < truth) == increasing ? lo : hi) = mid;
  }
  strength = (lo + hi) / 2;
  double reached = 0;
  return truthAt(strength, reached, &out);
}

}  // namespace miwb
