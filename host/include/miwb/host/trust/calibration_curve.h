#pragma once
// The maths of calibration (docs/trust.md): an estimator's estimates on known-truth data over a grid of
// true values give its mean and spread against the truth; an estimate read back through them is an
// interval of true values (a Neyman construction: every truth whose band holds the estimate).
//
// The mean is made monotone (non-decreasing in the truth) by weighted isotonic regression (pool
// adjacent violators); the spread at each truth is a three-point moving average of the variances
// (one grid point's few repeats give a noisy spread). The band is the prediction interval of one
// new estimate: t quantile (with the pooled variances' degrees of freedom) x spread x
// sqrt(1 + 1/R), R repeats. Between grid points everything is linear in the truth.
#include <optional>
#include <vector>

namespace miwb::numerics {

struct CalibrationSample {
  double truth = 0;
  std::vector<double> estimates;  // the repeats
};

struct CalibrationRow {
  double truth = 0;
  double mean = 0;       // raw mean of the repeats
  double std = 0;        // raw sample std
  double fittedMean = 0; // monotone
  double halfWidth = 0;  // t * smoothed std * sqrt(1 + 1/R)
  int repeats = 0;
};

struct ReadBack {
  std::optional<double> calibrated;  // the truth whose fitted mean is the estimate
  std::optional<double> low, high;   // the interval; high absent: the band never rises above the estimate
  double ceiling = 0;                // the largest fitted mean over the grid
  bool aboveEveryBand = false;       // the estimate exceeds every band: the truth is beyond the grid
  // The estimate lies below every band: no truth of the family gives it at this N and dims (a
  // curve flat far above it). calibrated, low and high are then all absent.
  bool outside = false;
};

// Samples sorted by truth, each with at least two repeats; level in (0, 1).
std::vector<CalibrationRow> fitCalibration(const std::vector<CalibrationSample>& samples, double level);
ReadBack readBack(const std::vector<CalibrationRow>& rows, double estimate);

// Weighted pool-adjacent-violators: the non-decreasing sequence closest to `values` in weighted
// least squares.
std::vector<double> isotonic(const std::vector<double>& values, const std::vector<double>& weights);

}  // namespace miwb::numerics
