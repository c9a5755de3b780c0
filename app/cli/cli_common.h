#pragma once
// Shared pieces of the miwb-cli commands: exit codes, the one-line error report, plugin loading and
// `-p key=value` parsing against a schema.
#include <QStringList>
#include <string>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/trust/uncertainty.h"
#include "miwb/status.h"
#include "miwb/estimator.h"
#include "miwb/variable.h"

class QCommandLineParser;

namespace cli {

enum ExitCode { kOk = 0, kInternal = 1, kBadInput = 2, kCancelled = 130 };

// Prints "error: <message>" on stderr and returns the exit code that fits the status.
int fail(const miwb::Status& status);
int usageError(const std::string& message);

// Scans the default search path. Commands that use a few plugins load them on demand: starting up
// then costs the metadata checks, not loading every library.
void findPlugins(miwb::PluginRegistry& registry, miwb::PluginLoading loading = miwb::PluginLoading::OnDemand);

// Turns repeated "key=value" strings into a JSON object typed by `schema`.
miwb::Status parseParams(const QStringList& assignments, const miwb::ParamSchema& schema, const std::string& owner,
                         miwb::Json& out);

// --threads / --seed values.
miwb::Status parseCount(const QString& text, const char* option, long long minimum, long long& out);

// --resamples B [--level L] (from a parser that declares both); B unset: no intervals.
miwb::Status parseUncertaintyOptions(const QCommandLineParser& parser, miwb::UncertaintyOptions& out);

bool stderrIsTerminal();

int runPlugins(const QStringList& args);
int runEstimate(const QStringList& args);
int runSample(const QStringList& args);
int runExperiment(const QStringList& args);
int runMerge(const QStringList& args);
int runSlurm(const QStringList& args);
int runCalibrate(const QStringList& args);
int runScreen(const QStringList& args);

// What `estimate` and `calibrate` share: the estimator named by -e with its -p values (resolved
// against its schema), and the pair read from --x and --y, checked to have the same samples.
struct EstimatorOnData {
  std::unique_ptr<miwb::Estimator> estimator;
  miwb::Json resolved;
  miwb::Variable x, y;
};
// Declares the options both commands take: -e, -p, --x, --y, --threads, --seed (its help given, as
// the seed means a little more in calibrate), --level and --json.
void addEstimatorOnDataOptions(QCommandLineParser& parser, const QString& seedHelp);
// Parses `args` for `command` (declared by addEstimatorOnDataOptions): no positional arguments;
// -e, --x and --y given; --threads (0 when unset: all cores) and --seed checked counts.
miwb::Status parseEstimatorOnDataOptions(QCommandLineParser& parser, const QStringList& args, const std::string& command,
                                         long long& threads, long long& seed);
miwb::Status readEstimatorOnData(const QCommandLineParser& parser, miwb::PluginRegistry& registry, EstimatorOnData& out);

}  // namespace cli
