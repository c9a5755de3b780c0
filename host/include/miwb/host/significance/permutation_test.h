#pragma once
// Is an estimate real? A permutation test: the estimate on P copies of the data with X's rows
// permuted (null_permutations.h) gives the null distribution of the estimator on data without the
// dependence, and p = (1 + #{null >= observed}) / (1 + P), which is never 0 and is a valid p-value
// for any estimator when the permuted data have the null's distribution. Where the estimator knows an
// asymptotic null (details "chi2_dof": 2 N I ~ chi-square with that many degrees of freedom), the
// analytic p comes beside it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "miwb/estimator.h"
#include "miwb/host/significance/null_permutations.h"
#include "miwb/params.h"

namespace miwb {

struct SignificanceOptions {
  int permutations = 0;             // P >= 1
  std::optional<PermutationScheme> scheme;  // default: local when conditioning on Z, global otherwise
  int localNeighbours = 5;          // k_perm of the local permutation (Runge 2018 suggests 5-10)
  std::uint64_t seed = 0;           // permutation b draws from (seed, b) alone
  bool enabled() const { return permutations > 0; }
};

// Reads an experiment's "significance": {"permutations": P, "neighbours": k} (neighbours optional);
// errors name the field relative to "significance" (Status::field()).
Status parseSignificance(const Json& field, SignificanceOptions& out);
Json toJson(const SignificanceOptions& options);

struct Significance {
  int permutations = 0;
  PermutationScheme scheme = PermutationScheme::Global;
  double pValue = 1.0;
  double nullMeanNats = 0.0;
  double nullP95Nats = 0.0;  // the null's 95th percentile (linear between order statistics)
  std::optional<double> analyticPValue;
  std::vector<double> null;  // the P null estimates, in permutation order
};

// p = (1 + #{null >= observed}) / (1 + P).
double permutationPValue(const std::vector<double>& null, double observed);

// P(chi-square >= 2 N I) where the estimate carries details "chi2_dof"; nullopt otherwise.
std::optional<double> analyticPValue(const Estimate& observed, Index samples);

// Runs `estimator` on P permuted copies (mutualInformation, or conditionalMutualInformation when z
// is given), in parallel on the current task arena; each call gets a context with ctx's seed, so an
// estimator's own draws (jitter) are those of the observed estimate and only the permutation differs.
// The result does not depend on the thread count. Cancellation through ctx stops between calls and
// inside them.
Status permutationTest(const Estimator& estimator, const Variable& x, const Variable& y, const Variable* z,
                       const Estimate& observed, const SignificanceOptions& options, RunContext& ctx,
                       Significance& out);

// p_value, null_mean_nats, null_p95_nats, effective_nats (observed - null mean), permutations,
// permutation ("global" or "local") and analytic_p_value (null when there is none); every one null
// without a test, so that a table has the same columns either way.
Json significanceJson(const std::optional<Significance>& s, double observedNats);

}  // namespace miwb
