#pragma once
// Intervals for every estimate (docs/trust.md): the estimator runs again on B random halves of the rows
// (numerics/half_sample_interval.h says why halves and how they are rescaled). The halves run in
// parallel on the caller's oneTBB arena; half r draws its rows and its estimator seed from streams
// 2r and 2r+1 of the task's seed, so the interval does not depend on thread count or order.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "miwb/estimator.h"
#include "miwb/host/trust/half_sample_interval.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

struct UncertaintyOptions {
  int resamples = 0;  // B; 0: no intervals
  double level = 0.9;
  bool enabled() const { return resamples > 0; }
};

// B >= 2 and 0 < level < 1; `where` names the option or field in the message.
Status checkUncertainty(long long resamples, double level, const std::string& resamplesName, const std::string& levelName);
// Reads {"resamples": B, "level": L} (level optional) from an experiment's "uncertainty" field.
Status parseUncertainty(const Json& field, UncertaintyOptions& out);
Json toJson(const UncertaintyOptions& options);

// One or more numbers measured on the rows given (sorted indices into the full data).
using SubsetMeasure =
    std::function<Status(const std::vector<Index>& rows, RunContext& ctx, std::vector<double>& values)>;

// The interval for each of the numbers `full` measured on all n rows.
Status halfSampleIntervals(Index n, const std::vector<double>& full, const UncertaintyOptions& options,
                           std::uint64_t seed, const std::atomic<bool>* cancel, const SubsetMeasure& measure,
                           std::vector<numerics::Interval>& out);

// The measures the host needs: I(X;Y), H(X), and the plane pair (I(X;T), I(T;Y)).
SubsetMeasure mutualInformationMeasure(const Estimator& estimator, const Variable& x, const Variable& y);
// I(X;Y|Z), for estimators that condition (their metadata says "conditional").
SubsetMeasure conditionalMutualInformationMeasure(const Estimator& estimator, const Variable& x, const Variable& y,
                                                  const Variable& z);
SubsetMeasure entropyMeasure(const Estimator& estimator, const Variable& x);
SubsetMeasure planeMeasure(const Estimator& estimator, const Variable& x, const Variable& t, const Variable& y);

}  // namespace miwb
