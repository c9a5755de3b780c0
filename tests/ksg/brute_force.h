#pragma once
// O(N^2) reference implementations written as plain loops, independent of the kd-tree and the
// plugin: the same formulas, evaluated the obvious way.
#include <utility>
#include <vector>

#include "miwb/variable.h"

namespace brute {

// max_j |a_j - b_j| over the columns of rows a and b.
double distance(const miwb::Matrix& m, miwb::Index a, miwb::Index b);
// The k nearest rows to row i (i excluded), ordered by (distance, row).
std::vector<std::pair<double, miwb::Index>> nearest(const miwb::Matrix& m, miwb::Index i, int k);
// Rows j (i included) with distance(i, j) < r, resp. <= r.
miwb::Index countWithin(const miwb::Matrix& m, miwb::Index i, double r, bool inclusive);

// KSG algorithm 1 or 2 on the given (already prepared) values.
double ksg(const miwb::Matrix& x, const miwb::Matrix& y, int k, int algorithm);
// Ross's mixed estimator as scikit-learn's _compute_mi_cd (max-norm).
double mixed(const miwb::Matrix& c, const miwb::Labels& labels, int k);
// Standardized copy: each column centred and divided by its population std (constant -> 0).
miwb::Matrix standardize(const miwb::Matrix& m);

}  // namespace brute
