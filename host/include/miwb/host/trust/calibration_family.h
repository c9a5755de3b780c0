#pragma once
// Known-truth data of a given shape for calibration (BMI_CONTRACT): the `gaussian` dataset when
// dx = dy (param dim, strength rho), else the bmi `custom` normal-dense family; `--family F` or
// `F:transform` picks a bmi custom family, whose strength parameter is swept (rho for normal-dense
// and student-dense, strength for normal-sparse, noise for additive-uniform).
#include <memory>
#include <string>

#include "miwb/dataset.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

class PluginRegistry;

class KnownTruthFamily {
 public:
  // Checks that the family exists at dx + dy dims (the dataset accepts the shape and knows the
  // truth); the message names the family and the dims.
  static Status create(const PluginRegistry& registry, const std::string& family, Index dx, Index dy,
                       KnownTruthFamily& out);

  const std::string& name() const { return name_; }  // "gaussian", "normal-dense", "student-dense:asinh"
  std::string description() const;                   // "Gaussian data", "bmi student-dense (asinh) data"
  // The range of true MI the family reaches at this shape, nats.
  double minTruth() const { return minTruth_; }
  double maxTruth() const { return maxTruth_; }
  // A source whose true MI is `truth` (within 1e-9 relative), found by bisection on the strength.
  Status sourceFor(double truth, std::unique_ptr<PairSource>& out, double& strength) const;

 private:
  Status truthAt(double strength, double& truth, std::unique_ptr<PairSource>* source = nullptr) const;

  const PluginRegistry* registry_ = nullptr;
  std::string name_, datasetId_, strengthParam_;
  Json baseParams_;
  double strengthLo_ = 0, strengthHi_ = 0;
  double minTruth_ = 0, maxTruth_ = 0;
};

}  // namespace miwb
