#include "miwb/host/estimate/pair_estimate.h"

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>
#include <cmath>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/units.h"

namespace miwb {

Status checkSameSamples(const Variable& x, const std::string& xName, const Variable& y, const std::string& yName) {
  if (x.samples() == y.samples()) return Status::ok();
  return Status::invalidInput(xName + " has " + std::to_string(x.samples()) + " samples but " + yName + " has " +
                              std::to_string(y.samples()));
}

Status estimatePair(const Estimator& estimator, const std::string& id, const Variable& x, const Variable& y,
                    const PairEstimateOptions& options, PairEstimate& out) {
  out = PairEstimate();
  RunContext ctx(options.seed, options.cancel);
  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::info::default_concurrency());
  Status status;
  const Variable* z = options.z;
  if (z) MIWB_TRY(checkSameSamples(x, "X", *z, "Z"));
  arena.execute([&] {
    status = callGuarded("estimator '" + id + "'", [&] {
      return z ? estimator.conditionalMutualInformation(x, y, *z, ctx, out.estimate)
               : estimator.mutualInformation(x, y, ctx, out.estimate);
    });
  });
  MIWB_TRY(status);
  if (!std::isfinite(out.estimate.valueNats)) return Status::numericalIssue("the estimate is not a finite number");
  if (options.uncertainty.enabled()) {
    std::vector<numerics::Interval> intervals;
    arena.execute([&] {
      status = halfSampleIntervals(
          x.samples(), {out.estimate.valueNats}, options.uncertainty, mixSeed(options.seed, "interval"), options.cancel,
          z ? conditionalMutualInformationMeasure(estimator, x, y, *z) : mutualInformationMeasure(estimator, x, y),
          intervals);
    });
    MIWB_TRY(status.withContext("interval"));
    out.interval = intervals.at(0);
  }
  if (options.significance.permutations > 0) {
    SignificanceOptions test = options.significance;
    test.seed = mixSeed(options.seed, "permutations");
    Significance significance;
    arena.execute([&] {
      status = callGuarded("estimator '" + id + "'",
                           [&] { return permutationTest(estimator, x, y, z, out.estimate, test, ctx, significance); });
    });
    MIWB_TRY(status.withContext("permutation test"));
    out.significance = significance;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::ok();
}

Json pairEstimateJson(const std::string& id, const Json& resolvedParams, const Variable& x, const Variable& y,
                      const PairEstimateOptions& options, const PairEstimate& result) {
  const Json null(nullptr);
  const Estimate& e = result.estimate;
  Json out = {{"estimator", id},
              {"params", resolvedParams},
              {"n", x.samples()},
              {"dx", x.dims()},
              {"dy", y.dims()},
              {"quantity", options.z ? "I(X;Y|Z)" : "I(X;Y)"},
              {"mi_nats", e.valueNats},
              {"mi_bits", natsToBits(e.valueNats)},
              {"stderr_nats", e.stderrNats ? Json(*e.stderrNats) : null},
              {"seconds", result.seconds},
              {"ci_low_nats", result.interval ? Json(result.interval->low) : null},
              {"ci_high_nats", result.interval ? Json(result.interval->high) : null},
              {"ci_level", result.interval ? Json(options.uncertainty.level) : null}};
  if (options.z) out["dz"] = options.z->dims();
  out.update(significanceJson(result.significance, e.valueNats));
  if (!e.details.empty()) out["details"] = e.details;
  return out;
}

}  // namespace miwb
