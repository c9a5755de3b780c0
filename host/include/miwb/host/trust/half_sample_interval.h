#pragma once
// An interval for an estimate from the same estimator on random halves of the data (subsampling
// without replacement, m = floor(n/2) of n rows; rows stay distinct, so kNN estimators see no
// zero distances).
//
// Why halves and how they are rescaled: for a statistic that is an average to first order, the
// spread of its value on m rows drawn without replacement around its value on all n rows is
// sigma^2 (1/m - 1/n) (the finite-population correction), while the spread we want, over
// independent samples of n, is sigma^2 / n. Their ratio is m / (n - m): deviations are scaled by
// sqrt(m / (n - m)), which is exactly 1 for halves (the delete-d jackknife with d = n/2). Taking
// deviations from the halves' own mean, not from the full estimate, removes the difference in
// bias between m and n rows (KSG, binning and neural bounds all shift with N).
#include <vector>

#include "miwb/variable.h"

namespace miwb::numerics {

struct Interval {
  double low = 0, high = 0;
  // The spread of the estimate over independent samples of n rows that the halves imply.
  double impliedStd = 0;
};

// Rows in each half for n rows.
inline Index halfSize(Index n) { return n / 2; }

// `full`: the estimate on all n rows; `halves`: the estimates on B >= 2 random halves of m rows;
// `level` in (0, 1). The interval is full + scale * [q((1-level)/2), q((1+level)/2)] of the halves'
// deviations from their mean, widened where needed so that it always holds `full`.
Interval halfSampleInterval(double full, std::vector<double> halves, Index n, Index m, double level);

}  // namespace miwb::numerics
