#include <QCommandLineParser>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <oneapi/tbb/task_arena.h>

#include "cli_common.h"
#include "miwb/host/trust/uncertainty.h"
#include "miwb/io/variable_file.h"

namespace cli {

int runEstimate(const QStringList& args) {
  QCommandLineParser parser;
  addEstimatorOnDataOptions(parser, "Random seed.");
  parser.addOption({"resamples", "Interval from B random halves of the rows (B >= 2).", "B"});
  long long threads = 0, seed = 0;
  if (auto s = parseEstimatorOnDataOptions(parser, args, "estimate", threads, seed); !s) return fail(s);
  miwb::UncertaintyOptions uncertainty;
  if (auto s = parseUncertaintyOptions(parser, uncertainty); !s) return fail(s);

  miwb::PluginRegistry registry;
  EstimatorOnData input;
  if (auto s = readEstimatorOnData(parser, registry, input); !s) return fail(s);
  const std::string id = parser.value("e").toStdString();
  const miwb::Json& resolved = input.resolved;
  const std::unique_ptr<miwb::Estimator>& estimator = input.estimator;
  const miwb::Variable& x = input.x;
  const miwb::Variable& y = input.y;

  std::atomic<bool> cancel{false};
  miwb::RunContext ctx(static_cast<std::uint64_t>(seed), &cancel);
  miwb::Estimate estimate;
  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(threads > 0 ? static_cast<int>(threads) : tbb::info::default_concurrency());
  miwb::Status status;
  arena.execute([&] {
    status = miwb::callGuarded("estimator '" + id + "'", [&] { return estimator->mutualInformation(x, y, ctx, estimate); });
  });
  if (!status) return fail(status);
  if (!std::isfinite(estimate.valueNats)) return fail(miwb::Status::numericalIssue("the estimate is not a finite number"));
  std::vector<miwb::numerics::Interval> intervals;
  if (uncertainty.enabled()) {
    arena.execute([&] {
      status = miwb::halfSampleIntervals(x.samples(), {estimate.valueNats}, uncertainty, miwb::mixSeed(static_cast<std::uint64_t>(seed), "interval"),
                                         &cancel, miwb::mutualInformationMeasure(*estimator, x, y), intervals);
    });
    if (!status) return fail(status.withContext("interval"));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const miwb::Json null(nullptr);

  const double bits = estimate.valueNats / std::log(2.0);
  if (parser.isSet("json")) {
    miwb::Json out = {{"estimator", id},
                      {"params", resolved},
                      {"n", x.samples()},
                      {"dx", x.dims()},
                      {"dy", y.dims()},
                      {"mi_nats", estimate.valueNats},
                      {"mi_bits", bits},
                      {"stderr_nats", estimate.stderrNats ? miwb::Json(*estimate.stderrNats) : miwb::Json(nullptr)},
                      {"seconds", seconds},
                      {"ci_low_nats", intervals.empty() ? null : miwb::Json(intervals[0].low)},
                      {"ci_high_nats", intervals.empty() ? null : miwb::Json(intervals[0].high)},
                      {"ci_level", intervals.empty() ? null : miwb::Json(uncertainty.level)}};
    if (!estimate.details.empty()) out["details"] = estimate.details;
    std::cout << out.dump() << std::endl;
  } else {
    std::cout << std::setprecision(6) << id << ": I(X;Y) = " << estimate.valueNats << " nats (" << bits << " bits)";
    if (estimate.stderrNats) std::cout << " +/- " << *estimate.stderrNats << " nats";
    if (!intervals.empty())
      std::cout << "\n  " << 100 * uncertainty.level << " % interval: [" << intervals[0].low << ", " << intervals[0].high
                << "] nats (" << uncertainty.resamples << " random halves)";
    std::cout << "\n  n = " << x.samples() << ", dx = " << x.dims() << ", dy = " << y.dims() << ", " << seconds
              << " s\n  params: " << resolved.dump() << std::endl;
  }
  return kOk;
}

}  // namespace cli
