#include <QCommandLineParser>
#include <cmath>
#include <iomanip>
#include <iostream>

#include "cli_common.h"
#include "command_help.h"
#include "miwb/host/estimate/pair_estimate.h"
#include "miwb/units.h"

namespace cli {

int runEstimate(const QStringList& args) {
  QCommandLineParser parser;
  addEstimatorOnDataOptions(parser, "Random seed.");
  parser.addOption({"resamples", "Interval from B random halves of the rows (B >= 2).", "B"});
  long long threads = 0, seed = 0;
  if (auto done = answerCommandHelp(parser, args, "estimate")) return *done;
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

  miwb::PairEstimateOptions options;
  options.seed = static_cast<std::uint64_t>(seed);
  options.threads = static_cast<int>(threads);
  options.uncertainty = uncertainty;
  miwb::PairEstimate result;
  if (auto s = miwb::estimatePair(*estimator, id, x, y, options, result); !s) return fail(s);
  const miwb::Estimate& estimate = result.estimate;
  const double seconds = result.seconds;

  const double bits = miwb::natsToBits(estimate.valueNats);
  if (parser.isSet("json")) {
    std::cout << miwb::pairEstimateJson(id, resolved, x, y, options, result).dump() << std::endl;
  } else {
    std::cout << std::setprecision(6) << id << ": I(X;Y) = " << estimate.valueNats << " nats (" << bits << " bits)";
    if (estimate.stderrNats) std::cout << " +/- " << *estimate.stderrNats << " nats";
    if (result.interval)
      std::cout << "\n  " << 100 * uncertainty.level << " % interval: [" << result.interval->low << ", " << result.interval->high
                << "] nats (" << uncertainty.resamples << " random halves)";
    std::cout << "\n  n = " << x.samples() << ", dx = " << x.dims() << ", dy = " << y.dims() << ", " << seconds
              << " s\n  params: " << resolved.dump() << std::endl;
  }
  return kOk;
}

}  // namespace cli
