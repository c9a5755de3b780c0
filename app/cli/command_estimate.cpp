#include <QCommandLineParser>
#include <cmath>
#include <iomanip>
#include <iostream>

#include "cli_common.h"
#include "command_help.h"
#include "miwb/host/estimate/pair_estimate.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/io/variable_file.h"
#include "miwb/units.h"

namespace cli {
namespace {

// Z for --z: the estimator must say in its metadata that it conditions (only then is it asked), and
// Z must have X's rows.
miwb::Status readConditioning(const QString& path, const miwb::PluginRegistry& registry, const std::string& id,
                              const miwb::Variable& x, miwb::Variable& z) {
  const auto* entry = registry.estimator(id);
  if (!entry || !entry->info->offersConditioning()) {
    std::string able;
    for (const auto& e : registry.estimators())
      if (e.info->offersConditioning()) able += (able.empty() ? "" : ", ") + e.info->id;
    return miwb::Status::invalidInput("estimator '" + id + "' cannot condition on Z (option --z): it does not estimate I(X;Y|Z)" +
                                      (able.empty() ? std::string() : "; these do: " + able));
  }
  MIWB_TRY(miwb::readVariableFile(path, z));
  return miwb::checkSameSamples(z, "Z (" + path.toStdString() + ")", x, "X");
}

}  // namespace

int runEstimate(const QStringList& args) {
  QCommandLineParser parser;
  addEstimatorOnDataOptions(parser, "Random seed.");
  parser.addOption({"resamples", "Interval from B random halves of the rows (B >= 2).", "B"});
  parser.addOption({"z", "Condition on Z (.npy or .csv): the estimate is I(X;Y|Z).", "FILE"});
  parser.addOption({"permutations",
                    "Permutation test on P copies with X's rows permuted (locally given Z with --z): p-value, null mean "
                    "and 95th percentile (P >= 1; the smallest p is 1 / (1 + P)).",
                    "P"});
  long long threads = 0, seed = 0;
  if (auto done = answerCommandHelp(parser, args, "estimate")) return *done;
  if (auto s = parseEstimatorOnDataOptions(parser, args, "estimate", threads, seed); !s) return fail(s);
  miwb::UncertaintyOptions uncertainty;
  if (auto s = parseUncertaintyOptions(parser, uncertainty); !s) return fail(s);
  long long permutations = 0;
  if (parser.isSet("permutations"))
    if (auto s = parseCount(parser.value("permutations"), "permutations", 1, permutations); !s) return fail(s);

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
  options.significance.permutations = static_cast<int>(permutations);
  miwb::Variable z;
  if (parser.isSet("z")) {
    if (auto s = readConditioning(parser.value("z"), registry, id, x, z); !s) return fail(s);
    options.z = &z;
  }
  miwb::PairEstimate result;
  if (auto s = miwb::estimatePair(*estimator, id, x, y, options, result); !s) return fail(s);
  const miwb::Estimate& estimate = result.estimate;
  const double seconds = result.seconds;

  const double bits = miwb::natsToBits(estimate.valueNats);
  if (parser.isSet("json")) {
    std::cout << miwb::pairEstimateJson(id, resolved, x, y, options, result).dump() << std::endl;
  } else {
    std::cout << std::setprecision(6) << id << ": " << (options.z ? "I(X;Y|Z)" : "I(X;Y)") << " = " << estimate.valueNats << " nats (" << bits << " bits)";
    if (estimate.stderrNats) std::cout << " +/- " << *estimate.stderrNats << " nats";
    if (result.interval)
      std::cout << "\n  " << 100 * uncertainty.level << " % interval: [" << result.interval->low << ", " << result.interval->high
                << "] nats (" << uncertainty.resamples << " random halves)";
    if (const auto& test = result.significance) {
      std::cout << "\n  p = " << test->pValue << " (" << test->permutations << " "
                << (test->scheme == miwb::PermutationScheme::Local ? "local permutations" : "permutations")
                << "), null mean " << test->nullMeanNats << ", 95th percentile " << test->nullP95Nats << " nats";
      if (test->analyticPValue) std::cout << "; analytic p = " << *test->analyticPValue;
    }
    std::cout << "\n  n = " << x.samples() << ", dx = " << x.dims() << ", dy = " << y.dims();
    if (options.z) std::cout << ", dz = " << z.dims();
    std::cout << ", " << seconds
              << " s\n  params: " << resolved.dump() << std::endl;
  }
  return kOk;
}

}  // namespace cli
