#pragma once
// False-discovery-rate control for many p-values: Benjamini-Hochberg (independent or positively
// dependent tests) and Benjamini-Yekutieli (any dependence).
#include <vector>

namespace miwb {

enum class FdrMethod { BenjaminiHochberg, BenjaminiYekutieli };

// q-values in the order of `p`: with p sorted ascending, q_(i) = min over j >= i of m p_(j) / j,
// capped at 1; BY multiplies by sum_{i=1}^m 1/i before the cap. Rejecting every q <= alpha controls
// the FDR at alpha.
std::vector<double> qValues(const std::vector<double>& p, FdrMethod method);

}  // namespace miwb
