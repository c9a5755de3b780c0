#pragma once
// The estimator's parameters, as resolved from the schema in ksg.json.
namespace ksg {

struct Options {
  int k = 3;
  int algorithm = 1;  // KSG algorithm 1 or 2
  bool standardize = true;
  double noise = 0.0;  // jitter std relative to each column's std
};

}  // namespace ksg
