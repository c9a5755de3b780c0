#pragma once
// Where a scaling curve is heading (docs/trust.md): I(N) = I_inf - a N^-b fitted to the means over
// repeats at each N (host/trust/power_law_fit.h), weighted by 1 / variance of each mean. I_inf gets an
// interval by refitting on resampled repeats: at every N the R repeats are drawn again with
// replacement (repeats are independent runs, so this duplicates no rows of any data set) and the
// weighted fit is redone; the interval is the spread of the refitted limits, widened to hold the fit.
#include <optional>
#include <string>
#include <vector>

#include "miwb/host/run/result_row.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

// The repeats' values at one sample size.
struct CurveSamples {
  long long n = 0;
  std::vector<double> values;
};

struct Extrapolation {
  std::optional<double> limit, low, high;  // I_inf and its interval, nats
  std::optional<double> amplitude, exponent;
  std::string note;  // why the fit should not be trusted; empty when nothing is wrong
  bool trusted() const { return limit && note.empty(); }
};

inline constexpr int kMinExtrapolationSizes = 4;
inline constexpr double kExtrapolationLevel = 0.9;

// `samples` in any order; `seed` makes the refits deterministic.
Extrapolation extrapolate(std::vector<CurveSamples> samples, std::uint64_t seed, int refits = 200);

// One line of extrapolation.csv: a curve of a scaling run and where it is heading.
struct ExtrapolationRow {
  std::string estimator, quantity, sweepParam;
  Json sweepValue;
  Extrapolation fit;
};

// Every (estimator, quantity, swept value) curve in a scaling run's table, in first-seen order.
std::vector<ExtrapolationRow> extrapolateTable(const std::vector<ResultRow>& table);
// Columns estimator, quantity, sweep_param, sweep_value, value_nats, ci_low_nats, ci_high_nats,
// exponent, note.
Status writeExtrapolationCsv(const std::vector<ExtrapolationRow>& rows, const std::string& path);

}  // namespace miwb
