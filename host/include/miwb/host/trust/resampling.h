#pragma once
// The small statistics that intervals, calibration and extrapolation share: random subsets of a
// sample (portable draws from miwb::Random), quantiles and the normal quantile.
#include <vector>

#include "miwb/random.h"
#include "miwb/variable.h"

namespace miwb::numerics {

// `m` distinct row indices out of 0..n-1 in increasing order (a partial Fisher-Yates shuffle).
std::vector<Index> randomSubset(Index n, Index m, Random& rng);

// The q-quantile (0 <= q <= 1) of `values` by linear interpolation between order statistics
// (R's type 7). `values` must not be empty; it is sorted in place.
double quantile(std::vector<double>& values, double q);

// The standard normal quantile function (Acklam's rational approximation refined by one Halley
// step: relative error below 1e-15 on (0, 1)).
double normalQuantile(double p);
// Student's t quantile with `dof` degrees of freedom, by the Cornish-Fisher expansion around the
// normal quantile (Abramowitz and Stegun 26.7.5): within 1e-3 of the exact value for dof >= 4 and
// 0.5 <= p <= 0.995.
double studentQuantile(double p, double dof);

double mean(const std::vector<double>& values);
// Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.
double sampleStd(const std::vector<double>& values);

}  // namespace miwb::numerics
