#pragma once
// Plug-in (maximum-likelihood) entropies of discrete symbols, in nats.
#include <vector>

#include "miwb/variable.h"

namespace miwb {

// H = -sum_k p_k ln p_k with p_k = counts[k] / n, computed as ln n - (1/n) sum_k c_k ln c_k with the
// sum correctly rounded (as Python's math.fsum): the same bits whatever the symbols' order, so a
// reference that evaluates this expression (bench/plane_scale_reference.py) matches exactly.
double plugInEntropy(const std::vector<Index>& counts);

// One symbol per distinct pair (a_i, b_i), numbered by first appearance.
DenseLabels jointSymbols(const DenseLabels& a, const DenseLabels& b);

struct PlugInInformation {
  double hx = 0.0, hy = 0.0, hxy = 0.0;
  // I = H(X) + H(Y) - H(X,Y), floored at 0: it is >= 0 exactly, and rounding can make it -1e-16.
  double mutualInformation() const;
};

// H(X), H(Y) and H(X,Y) of paired symbols (same number of samples).
PlugInInformation plugInInformation(const DenseLabels& x, const DenseLabels& y);

}  // namespace miwb
