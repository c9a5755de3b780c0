#pragma once
// Known-truth data of a given shape for calibration (docs/trust.md). Datasets declare the families
// they offer in their metadata ("known_truth_families", docs/plugins.md): the parameters that set the
// dims of X and Y, the strength parameter swept to reach each true MI, fixed parameters, an optional
// transform parameter (`--family F:transform`) and whether the family is the default for equal or any
// dims. The host names no dataset: it reads those declarations.
#include <memory>
#include <string>
#include <vector>

#include "miwb/dataset.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

class PluginRegistry;

class KnownTruthFamily {
 public:
  // Checks that the family exists at dx + dy dims (the dataset accepts the shape and knows the
  // truth); the message names the family and the dims. An empty `family` picks the default one.
  static Status create(const PluginRegistry& registry, const std::string& family, Index dx, Index dy,
                       KnownTruthFamily& out);
  // Every family the loaded datasets declare, in the order of the registry.
  static std::vector<std::string> available(const PluginRegistry& registry);

  const std::string& name() const { return name_; }  // "gaussian", "normal-dense", "student-dense:asinh"
  std::string description() const;                   // "Gaussian data", "bmi student-dense:asinh data"
  // The range of true MI the family reaches at this shape, nats.
  double minTruth() const { return minTruth_; }
  double maxTruth() const { return maxTruth_; }
  // A source whose true MI is `truth` (within 1e-9 relative), found by bisection on the strength.
  Status sourceFor(double truth, std::unique_ptr<PairSource>& out, double& strength) const;

 private:
  Status truthAt(double strength, double& truth, std::unique_ptr<PairSource>* source = nullptr) const;

  const PluginRegistry* registry_ = nullptr;
  std::string name_, description_, datasetId_, strengthParam_;
  Json baseParams_;
  double strengthLo_ = 0, strengthHi_ = 0;
  double minTruth_ = 0, maxTruth_ = 0;
};

}  // namespace miwb
