#include "miwb/host/trust/calibration_family.h"

#include <algorithm>
#include <cmath>

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb {
namespace {

constexpr const char* kFamiliesKey = "known_truth_families";

std::string dimsText(Index dx, Index dy) { return std::to_string(dx) + "+" + std::to_string(dy) + " dims"; }

struct Declared {
  PluginRegistry::DatasetEntry dataset;
  const Json* family = nullptr;  // inside the dataset's metadata, which the registry keeps
};

std::vector<Declared> declaredFamilies(const PluginRegistry& registry) {
  std::vector<Declared> found;
  for (const auto& entry : registry.datasets()) {
    // A reference into the registry's metadata (value() would return a copy that dies here).
    const auto list = entry.info->extra.find(kFamiliesKey);
    if (list == entry.info->extra.end() || !list->is_array()) continue;
    for (const Json& f : *list)
      if (f.is_object() && f.value("name", Json()).is_string()) found.push_back({entry, &f});
  }
  return found;
}

std::string text(const Json& family, const char* key) {
  const Json& v = family.value(key, Json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

// The family an empty --family means: the one declared default for equal dims when dx = dy, else the
// one declared default for any dims.
const Declared* defaultFamily(const std::vector<Declared>& families, Index dx, Index dy) {
  for (const char* rule : {"equal-dims", "any-dims"}) {
    if (std::string(rule) == "equal-dims" && dx != dy) continue;
    for (const auto& d : families)
      if (text(*d.family, "default") == rule) return &d;
  }
  return nullptr;
}

std::string namesOf(const std::vector<Declared>& families) {
  std::string list;
  for (const auto& d : families) list += (list.empty() ? "" : ", ") + text(*d.family, "name");
  return list;
}

}  // namespace

std::vector<std::string> KnownTruthFamily::available(const PluginRegistry& registry) {
  std::vector<std::string> names;
  for (const auto& d : declaredFamilies(registry)) names.push_back(text(*d.family, "name"));
  return names;
}

Status KnownTruthFamily::create(const PluginRegistry& registry, const std::string& family, Index dx, Index dy,
                                KnownTruthFamily& out) {
  const std::string where = "--family " + (family.empty() ? std::string("(default)") : family);
  const auto families = declaredFamilies(registry);
  const auto colon = family.find(':');
  const std::string base = family.substr(0, colon);
  const Declared* chosen = nullptr;
  if (family.empty()) {
    chosen = defaultFamily(families, dx, dy);
    if (!chosen) return Status::invalidInput(where + ": no loaded dataset declares a default known-truth family");
  } else {
    for (const auto& d : families)
      if (text(*d.family, "name") == base) chosen = &d;
    if (!chosen)
      return Status::invalidInput(where + ": no such family (use " + namesOf(families) + ", optionally with :transform)");
  }
  const Json& declared = *chosen->family;
  KnownTruthFamily f;
  f.registry_ = &registry;
  f.datasetId_ = chosen->dataset.info->id;
  f.name_ = family.empty() ? text(declared, "name") : family;
  f.strengthParam_ = text(declared, "strength");
  f.baseParams_ = declared.value("params", Json::object());

  const std::string xDims = text(declared, "x_dims"), yDims = text(declared, "y_dims");
  if (xDims == yDims && dx != dy)
    return Status::invalidInput(where + ": the " + text(declared, "name") + " family has dx = dy, the data has " +
                                dimsText(dx, dy));
  f.baseParams_[xDims] = dx;
  f.baseParams_[yDims] = dy;
  // Parameters that count coordinates of both sides (the sparse family's correlated pairs) are
  // capped by the smaller side.
  const Json capped = declared.value("at_most_dims", Json::object());
  for (const auto& [param, most] : capped.items())
    f.baseParams_[param] = std::min<Index>(most.get<Index>(), std::min(dx, dy));
  const std::string transformParam = text(declared, "transform");
  const std::string transform = colon == std::string::npos ? std::string() : family.substr(colon + 1);
  if (!transform.empty()) {
    if (transformParam.empty())
      return Status::invalidInput(where + ": the " + base + " family takes no transform");
    f.baseParams_[transformParam] = transform;
  }
  f.description_ = text(declared, "description");
  if (!transform.empty()) f.description_ += " (" + transform + ")";

  const ParamSpec* spec = chosen->dataset.info->params.find(f.strengthParam_);
  if (!spec || !spec->maximum)
    return Status::failed(where + ": dataset '" + f.datasetId_ + "' has no bounded parameter '" + f.strengthParam_ + "'");
  // The declared lower end (correlations from 0, as MI is symmetric in their sign), else the range's.
  f.strengthLo_ = declared.value("strength_min", spec->minimum.value_or(0.0));
  f.strengthHi_ = *spec->maximum;
  double a = 0, b = 0;
  const std::string at = where + " at " + dimsText(dx, dy);
  MIWB_TRY(f.truthAt(f.strengthLo_, a).withContext(at));
  MIWB_TRY(f.truthAt(f.strengthHi_, b).withContext(at));
  f.minTruth_ = std::min(a, b);
  f.maxTruth_ = std::max(a, b);
  out = std::move(f);
  return Status::ok();
}

std::string KnownTruthFamily::description() const { return description_; }

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
