#pragma once
// One estimate of I(X;Y) on two variables in memory, with an optional interval from random halves:
// what `miwb-cli estimate` prints and what the Python module's miwb.estimate returns, computed here
// once so that both give the same numbers for the same arrays, seed and threads.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "miwb/estimator.h"
#include "miwb/host/significance/permutation_test.h"
#include "miwb/host/trust/uncertainty.h"
#include "miwb/params.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

struct PairEstimateOptions {
  std::uint64_t seed = 0;
  int threads = 0;  // worker threads of the estimate's own oneTBB arena; 0: all cores
  UncertaintyOptions uncertainty;
  const std::atomic<bool>* cancel = nullptr;  // set to stop: the call returns Status::cancelled()
  // Set: the estimate is I(X;Y|Z) (the estimator must offer it; callers check its metadata first).
  const Variable* z = nullptr;
  // permutations > 0: a permutation test of the estimate (local permutations given z); its seed is
  // drawn from `seed`.
  SignificanceOptions significance;
};

struct PairEstimate {
  Estimate estimate;
  std::optional<numerics::Interval> interval;  // when options.uncertainty is enabled
  std::optional<Significance> significance;    // when options.significance.permutations > 0
  double seconds = 0;                          // the estimate and its interval, wall time
};

// X and Y must have the same number of samples; the names say which is which in the message
// ("X (x.npy) has 100 samples but Y (y.npy) has 99").
Status checkSameSamples(const Variable& x, const std::string& xName, const Variable& y, const std::string& yName);

// Runs `estimator` (labelled `id` in messages) on (x, y) in an arena of options.threads workers,
// then the interval if asked. A failure of the estimator, or a result that is not a finite number,
// is a failed status; exceptions from the plugin become one too.
Status estimatePair(const Estimator& estimator, const std::string& id, const Variable& x, const Variable& y,
                    const PairEstimateOptions& options, PairEstimate& out);

// The object `miwb-cli estimate --json` prints (estimator, params, quantity (I(X;Y), or I(X;Y|Z) with
// dz), n, dx, dy, mi_nats, mi_bits (the quantity's value), stderr_nats, seconds, ci_low_nats,
// ci_high_nats, ci_level, the test's p_value, analytic_p_value, null_mean_nats, null_p95_nats,
// effective_nats, permutations and permutation (null when not asked for), and details when the
// estimator gave any).
Json pairEstimateJson(const std::string& id, const Json& resolvedParams, const Variable& x, const Variable& y,
                      const PairEstimateOptions& options, const PairEstimate& result);

}  // namespace miwb
