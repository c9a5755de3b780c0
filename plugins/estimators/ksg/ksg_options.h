#pragma once
// The estimator's parameters, as resolved from the schema in ksg.json.
namespace miwb::ksg {

// Dimension reduction of each continuous variable before the estimate (see pca_compression.h).
enum class Compress { None, Components, Variance };

struct Options {
  int k = 3;
  int algorithm = 1;  // KSG algorithm 1 or 2
  bool standardize = true;
  double noise = 0.0;  // jitter std relative to each column's std
  Compress compress = Compress::None;
  int components = 2;          // principal components kept per variable (Compress::Components)
  double varianceShare = 0.95;  // share of the variance kept (Compress::Variance)
};

}  // namespace miwb::ksg
