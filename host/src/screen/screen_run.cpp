#include "miwb/host/screen/screen_run.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/significance/null_permutations.h"
#include "miwb/host/significance/permutation_test.h"

namespace miwb {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The permutations' own seed, apart from the estimator's (which every call shares).
std::uint64_t permutationSeed(std::uint64_t seed) { return mixSeed(seed, "screen-permutations"); }

// Calls the estimator as `miwb-cli estimate` does (exceptions become a failed status); a non-finite
// value is a failure too.
Status estimateOnce(const Estimator& estimator, const Variable& x, const Variable& y, const ScreenOptions& options,
                    double& nats) {
  RunContext ctx(options.seed, options.cancel);
  Estimate estimate;
  MIWB_TRY(callGuarded("the estimator", [&] { return estimator.mutualInformation(x, y, ctx, estimate); }));
  if (!std::isfinite(estimate.valueNats)) return Status::numericalIssue("the estimate is not a finite number");
  nats = estimate.valueNats;
  return Status::ok();
}

}  // namespace

ScreenRow screenFeature(const Estimator& estimator, const double* column, const Variable& outcome, Index feature,
                        const ScreenOptions& options, const std::vector<Variable>* sharedNulls) {
  ScreenRow row;
  row.feature = feature;
  const Index n = outcome.samples();
  std::vector<Index> kept;
  kept.reserve(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i)
    if (!std::isnan(column[i])) kept.push_back(i);
  row.n = static_cast<Index>(kept.size());
  if (row.n < 2) {
    row.note = "fewer than 2 rows without a missing value";
    return row;
  }
  Matrix values(row.n, 1);
  for (Index k = 0; k < row.n; ++k) values(k, 0) = column[kept[static_cast<std::size_t>(k)]];
  if (values.minCoeff() == values.maxCoeff()) {  // no information, whatever the estimator
    row.miNats = 0.0;
    row.note = "constant";
    if (options.permutations > 0) row.pValue = 1.0;
    return row;
  }
  const bool complete = row.n == n;
  const Variable x = Variable::continuous(std::move(values));
  const Variable subset = complete ? Variable() : outcome.subset(kept);
  const Variable& y = complete ? outcome : subset;
  double observed = 0.0;
  if (Status s = estimateOnce(estimator, x, y, options, observed); !s) {
    row.note = s.message();
    return row;
  }
  row.miNats = observed;
  if (options.permutations <= 0) return row;
  std::vector<double> null(static_cast<std::size_t>(options.permutations));
  const NullPermutations shuffles = NullPermutations::global(row.n);
  for (int b = 0; b < options.permutations; ++b) {
    const bool shared = complete && sharedNulls;
    const Variable drawn = shared ? Variable() : y.subset(shuffles.rows(permutationSeed(options.seed), static_cast<std::uint64_t>(b)));
    const Variable& permuted = shared ? (*sharedNulls)[static_cast<std::size_t>(b)] : drawn;
    if (Status s = estimateOnce(estimator, x, permuted, options, null[static_cast<std::size_t>(b)]); !s) {
      row.note = "permutation " + std::to_string(b) + ": " + s.message();
      return row;
    }
  }
  row.pValue = permutationPValue(null, observed);
  return row;
}

Status runScreen(FeatureSource& source, const Variable& outcome, const std::vector<ScreenEstimator>& estimators,
                 const ScreenOptions& options, ScreenResult& out) {
  out = ScreenResult();
  const Index n = source.samples(), features = source.features();
  if (outcome.samples() != n)
    return Status::invalidInput("the outcome has " + std::to_string(outcome.samples()) + " samples but " +
                                source.fileName() + " has " + std::to_string(n));
  if (outcome.hasValues() && outcome.dims() != 1)
    return Status::invalidInput("the outcome must be one column, got " + std::to_string(outcome.dims()));
  const Index begin = std::clamp<Index>(options.firstFeature, 0, features);
  const Index end = options.endFeature < 0 ? features : std::clamp<Index>(options.endFeature, begin, features);
  out.firstFeature = begin;
  out.endFeature = end;
  out.names = source.names();
  for (const ScreenEstimator& e : estimators) {
    ScreenTable table;
    table.estimator = e;
    table.rows.resize(static_cast<std::size_t>(features));
    for (Index j = 0; j < features; ++j) table.rows[static_cast<std::size_t>(j)].feature = j;  // shards leave some
    out.tables.push_back(std::move(table));
  }
  const std::uint64_t columnBytes = static_cast<std::uint64_t>(n) * sizeof(double);
  // The permuted outcomes are shared by all features when they take at most a quarter of the budget.
  std::vector<Variable> nulls;
  std::uint64_t budget = options.maxMemoryBytes;
  if (options.permutations > 0 &&
      static_cast<std::uint64_t>(options.permutations) * columnBytes <= options.maxMemoryBytes / 4) {
    const NullPermutations shuffles = NullPermutations::global(n);
    for (int b = 0; b < options.permutations; ++b)
      nulls.push_back(outcome.subset(shuffles.rows(permutationSeed(options.seed), static_cast<std::uint64_t>(b))));
    budget -= static_cast<std::uint64_t>(options.permutations) * columnBytes;
  }
  const Index block = std::clamp<Index>(static_cast<Index>(budget / columnBytes), 1, std::max<Index>(end - begin, 1));
  std::vector<double> columns(static_cast<std::size_t>(block) * static_cast<std::size_t>(n));
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::info::default_concurrency());
  for (Index first = begin; first < end; first += block) {
    const Index count = std::min(block, end - first);
    const auto readStart = Clock::now();
    MIWB_TRY(source.readColumns(first, count, columns.data()));
    out.readSeconds += secondsSince(readStart);
    ++out.blocks;
    for (ScreenTable& table : out.tables) {
      const auto start = Clock::now();
      arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<Index>(0, count, 8), [&](const tbb::blocked_range<Index>& range) {
          for (Index j = range.begin(); j < range.end(); ++j) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed)) return;
            table.rows[static_cast<std::size_t>(first + j)] =
                screenFeature(*table.estimator.estimator, &columns[static_cast<std::size_t>(j * n)], outcome, first + j,
                              options, nulls.empty() ? nullptr : &nulls);
          }
        });
      });
      table.seconds += secondsSince(start);
      if (options.cancel && options.cancel->load(std::memory_order_relaxed)) return Status::cancelled();
    }
    if (options.progress) options.progress(static_cast<double>(first + count - begin) / static_cast<double>(end - begin));
  }
  return Status::ok();
}

}  // namespace miwb
