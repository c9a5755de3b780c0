#include "miwb/host/experiment/quantity.h"

namespace miwb {

const char* toString(ExperimentKind kind) {
  switch (kind) {
    case ExperimentKind::Estimate: return "estimate";
    case ExperimentKind::Scaling: return "scaling";
    case ExperimentKind::InformationPlane: return "information-plane";
    case ExperimentKind::Benchmark: return "benchmark";
  }
  return "?";
}

bool isEntropy(const std::string& quantity) { return quantity.rfind("H(", 0) == 0; }

bool isConditional(const std::string& quantity) { return quantity.rfind("I(", 0) == 0 && quantity.find('|') != std::string::npos; }

std::vector<std::string> quantitiesOf(ExperimentKind kind) {
  if (kind == ExperimentKind::InformationPlane) return {quantity::kIxt, quantity::kIty, quantity::kHt};
  if (kind == ExperimentKind::Benchmark) return {quantity::kIxy};
  return {quantity::kIxy, quantity::kIxyGivenZ, quantity::kHx, quantity::kHy};
}

std::vector<std::string> defaultQuantities(ExperimentKind kind) {
  if (kind == ExperimentKind::InformationPlane) return {quantity::kIxt, quantity::kIty};
  return {quantity::kIxy};
}

}  // namespace miwb
