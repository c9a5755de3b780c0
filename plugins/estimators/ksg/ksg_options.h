#pragma once
// The estimator's parameters, as resolved from the schema in ksg.json (where their defaults live).
#include "miwb/numerics/neighbour_search.h"

namespace miwb::ksg {

// Dimension reduction of each continuous variable before the estimate (see pca_compression.h).
enum class Compress { None, Components, Variance };

struct Options {
  int k = 0;
  int algorithm = 0;  // KSG algorithm 1 or 2
  bool standardize = false;
  double noise = 0.0;  // jitter std relative to each column's std
  Compress compress = Compress::None;
  int components = 0;         // principal components kept per variable (Compress::Components)
  double varianceShare = 0.0;  // share of the variance kept (Compress::Variance)
  miwb::NeighbourSearch search = miwb::NeighbourSearch::Automatic;
};

}  // namespace miwb::ksg
