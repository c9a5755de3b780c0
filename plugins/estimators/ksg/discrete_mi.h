#pragma once
// Plug-in (maximum-likelihood) MI and entropy of discrete labels.
#include "miwb/estimator.h"

namespace miwb::ksg {

// I = H(A) + H(B) - H(A,B) from the label frequencies (numerics/entropy.h: correctly rounded sums).
miwb::Status discreteMi(const miwb::Labels& a, const miwb::Labels& b, miwb::Estimate& out);
// H = -sum_a p(a) ln p(a).
miwb::Status discreteEntropy(const miwb::Labels& a, miwb::Estimate& out);

}  // namespace miwb::ksg
