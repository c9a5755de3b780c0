#pragma once
// Plug-in (maximum-likelihood) MI and entropy of discrete labels.
#include "miwb/estimator.h"

namespace miwb::ksg {

// I = sum_ab p(a,b) ln(p(a,b) / (p(a) p(b))) from the label frequencies.
miwb::Status discreteMi(const miwb::Labels& a, const miwb::Labels& b, miwb::Estimate& out);
// H = -sum_a p(a) ln p(a).
miwb::Status discreteEntropy(const miwb::Labels& a, miwb::Estimate& out);

}  // namespace miwb::ksg
