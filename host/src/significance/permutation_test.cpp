#include "miwb/host/significance/permutation_test.h"

#include <atomic>
#include <cmath>
#include <string>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "miwb/host/significance/chi_square.h"
#include "miwb/host/trust/resampling.h"

namespace miwb {

Status parseSignificance(const Json& field, SignificanceOptions& out) {
  if (!field.is_object())
    return Status::invalidInput("field 'significance' must be an object {\"permutations\": P, \"neighbours\": k}");
  const Json& p = field.value("permutations", Json());
  if (!p.is_number_integer() || p.get<long long>() < 1 || p.get<long long>() > 1000000)
    return Status::invalidInput("field 'significance.permutations' must be an integer from 1 to 1000000").atField("permutations");
  const Json& k = field.value("neighbours", Json(out.localNeighbours));
  if (!k.is_number_integer() || k.get<long long>() < 1 || k.get<long long>() > 1000)
    return Status::invalidInput("field 'significance.neighbours' must be an integer from 1 to 1000").atField("neighbours");
  out.permutations = p.get<int>();
  out.localNeighbours = k.get<int>();
  return Status::ok();
}

Json toJson(const SignificanceOptions& options) {
  return {{"permutations", options.permutations}, {"neighbours", options.localNeighbours}};
}

double permutationPValue(const std::vector<double>& null, double observed) {
  std::size_t atLeast = 0;
  for (double v : null)
    if (v >= observed) ++atLeast;
  return static_cast<double>(1 + atLeast) / static_cast<double>(1 + null.size());
}

std::optional<double> analyticPValue(const Estimate& observed, Index samples) {
  const auto dof = observed.details.find("chi2_dof");
  if (dof == observed.details.end() || !dof->is_number()) return std::nullopt;
  return numerics::chiSquareSurvival(2.0 * static_cast<double>(samples) * observed.valueNats, dof->get<double>());
}

Status permutationTest(const Estimator& estimator, const Variable& x, const Variable& y, const Variable* z,
                       const Estimate& observed, const SignificanceOptions& options, RunContext& ctx,
                       Significance& out) {
  if (options.permutations < 1)
    return Status::invalidInput("the number of permutations must be at least 1, got " + std::to_string(options.permutations));
  const PermutationScheme scheme = options.scheme.value_or(z ? PermutationScheme::Local : PermutationScheme::Global);
  if (scheme == PermutationScheme::Local && !z)
    return Status::invalidInput("a local permutation needs a conditioning variable z");
  NullPermutations permutations = NullPermutations::global(x.samples());
  if (scheme == PermutationScheme::Local) MIWB_TRY(NullPermutations::local(*z, options.localNeighbours, permutations));

  out = Significance();
  out.permutations = options.permutations;
  out.scheme = scheme;
  out.null.assign(static_cast<std::size_t>(options.permutations), 0.0);
  std::vector<Status> failures(out.null.size());
  std::atomic<bool> stop{false};
  std::atomic<int> done{0};
  tbb::parallel_for(tbb::blocked_range<int>(0, options.permutations, 1), [&](const tbb::blocked_range<int>& range) {
    for (int b = range.begin(); b != range.end(); ++b) {
      if (stop.load(std::memory_order_relaxed)) return;
      const Variable permuted = x.subset(permutations.rows(options.seed, static_cast<std::uint64_t>(b)));
      // The inner call reports to no one, but it stops when the outer context does.
      RunContext inner(ctx.seed(), &stop);
      inner.setProgressCallback([&](double) {
        if (ctx.cancelled()) stop.store(true, std::memory_order_relaxed);
      });
      Estimate e;
      Status s = z ? estimator.conditionalMutualInformation(permuted, y, *z, inner, e)
                   : estimator.mutualInformation(permuted, y, inner, e);
      if (s.isOk() && !std::isfinite(e.valueNats))
        s = Status::numericalIssue("the estimate is not a finite number");
      if (!s.isOk()) {
        failures[static_cast<std::size_t>(b)] = s.withContext("permutation " + std::to_string(b + 1));
        stop.store(true, std::memory_order_relaxed);
        return;
      }
      out.null[static_cast<std::size_t>(b)] = e.valueNats;
      const int finished = done.fetch_add(1) + 1;
      if (!ctx.progress(static_cast<double>(finished) / options.permutations)) stop.store(true, std::memory_order_relaxed);
    }
  });
  for (const Status& s : failures)
    if (!s.isOk() && s.code() != StatusCode::Cancelled) return s;
  if (stop.load() || ctx.cancelled()) return Status::cancelled();

  out.pValue = permutationPValue(out.null, observed.valueNats);
  out.nullMeanNats = numerics::mean(out.null);
  std::vector<double> sorted = out.null;
  out.nullP95Nats = numerics::quantile(sorted, 0.95);
  out.analyticPValue = analyticPValue(observed, x.samples());
  return Status::ok();
}

Json significanceJson(const std::optional<Significance>& test, double observedNats) {
  Json j;
  if (!test) {
    for (const char* key : {"p_value", "permutations", "permutation", "null_mean_nats", "null_p95_nats", "effective_nats",
                            "analytic_p_value"})
      j[key] = nullptr;
    return j;
  }
  const Significance& s = *test;
  j["p_value"] = s.pValue;
  j["permutations"] = s.permutations;
  j["permutation"] = s.scheme == PermutationScheme::Local ? "local" : "global";
  j["null_mean_nats"] = s.nullMeanNats;
  j["null_p95_nats"] = s.nullP95Nats;
  j["effective_nats"] = observedNats - s.nullMeanNats;
  j["analytic_p_value"] = s.analyticPValue ? Json(*s.analyticPValue) : Json(nullptr);
  return j;
}

}  // namespace miwb
