#pragma once
// MI between a continuous variable and discrete labels: Ross (2014), "Mutual information between
// discrete and continuous data sets", as scikit-learn's mutual_info_classif computes it
// (_compute_mi_cd), with the max-norm for multi-column values.
#include "miwb/estimator.h"
#include "miwb/numerics/neighbour_search.h"

namespace miwb::ksg {

miwb::Status mixedMi(const miwb::Matrix& values, const miwb::Labels& labels, int k, miwb::NeighbourSearch search,
                     miwb::RunContext& ctx, miwb::Estimate& out);

}  // namespace miwb::ksg
