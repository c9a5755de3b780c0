#pragma once
// Kozachenko-Leonenko differential entropy with the max-norm:
// H = psi(N) - psi(k) + d <ln(2 eps_i)>, eps_i = distance to the k-th neighbour of sample i.
#include "miwb/estimator.h"
#include "miwb/numerics/neighbour_search.h"

namespace miwb::ksg {

miwb::Status klEntropy(const miwb::Matrix& values, int k, miwb::NeighbourSearch search, miwb::RunContext& ctx,
                       miwb::Estimate& out);

}  // namespace miwb::ksg
