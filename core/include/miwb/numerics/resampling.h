#pragma once
// The small statistics that intervals, calibration and extrapolation share: portable random draws
// (no std::*_distribution, whose output differs between standard libraries), random halves of a
// sample, quantiles and the normal quantile.
#include <cstdint>
#include <random>
#include <vector>

#include "miwb/variable.h"

namespace miwb::numerics {

// A uniform integer in [0, bound) from a 64-bit generator, without modulo bias (Lemire's method).
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t bound);

// `m` distinct row indices out of 0..n-1 in increasing order (a partial Fisher-Yates shuffle).
std::vector<Index> randomSubset(Index n, Index m, std::mt19937_64& rng);

// The q-quantile (0 <= q <= 1) of `values` by linear interpolation between order statistics
// (R's type 7). `values` must not be empty; it is sorted in place.
double quantile(std::vector<double>& values, double q);

// The standard normal quantile function (Acklam's rational approximation refined by one Halley
// step: relative error below 1e-15 on (0, 1)).
double normalQuantile(double p);

double mean(const std::vector<double>& values);
// Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.
double sampleStd(const std::vector<double>& values);

}  // namespace miwb::numerics
