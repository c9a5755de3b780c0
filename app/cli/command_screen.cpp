// miwb-cli screen: one outcome against every feature of a file (host/screen), written to DIR/screen.csv
// and DIR/screen.json.
#include <QCommandLineParser>
#include <QDir>
#include <atomic>
#include <cmath>
#include <csignal>
#include <iostream>

#include "cli_common.h"
#include "command_help.h"
#include "miwb/host/screen/screen_output.h"
#include "miwb/io/npy.h"
#include "miwb/io/variable_file.h"
#include "miwb/memory_limit.h"

namespace cli {

namespace {

// Ctrl-C stops the screen between features: exit 130, nothing written.
std::atomic<bool> gScreenCancel{false};
extern "C" void onScreenInterrupt(int) { gScreenCancel.store(true); }

struct EstimatorRequest {
  std::string id;
  QStringList params;
};

// -p applies to the -e before it, which QCommandLineParser cannot say: the raw arguments are walked.
miwb::Status estimatorRequests(const QStringList& args, std::vector<EstimatorRequest>& out) {
  out.clear();
  for (qsizetype k = 1; k < args.size(); ++k) {
    const QString& a = args[k];
    const bool estimator = a == "-e" || a == "--estimator" || a.startsWith("--estimator=");
    const bool param = a == "-p" || a == "--param" || a.startsWith("--param=");
    if (!estimator && !param) continue;
    QString value;
    if (a.contains('=') && a.startsWith("--")) {
      value = a.mid(a.indexOf('=') + 1);
    } else if (k + 1 < args.size()) {
      value = args[++k];
    }
    if (estimator) {
      out.push_back({value.toStdString(), {}});
    } else {
      if (out.empty())
        return miwb::Status::invalidInput("option -p " + value.toStdString() + " must follow the -e ID it sets");
      out.back().params << value;
    }
  }
  if (out.empty()) return miwb::Status::invalidInput("screen needs -e ID (one or more estimators)");
  return miwb::Status::ok();
}

// The outcome: one column without missing values; with --y-discrete its values are class labels.
miwb::Status readOutcome(const QString& path, bool discrete, miwb::Variable& out) {
  const std::string name = "outcome (" + path.toStdString() + ")";
  MIWB_TRY(miwb::readVariableFile(path, out));
  if (out.hasValues() && out.dims() != 1)
    return miwb::Status::invalidInput(name + " must be one column, got " + std::to_string(out.dims()));
  MIWB_TRY(out.validate(name));
  if (!discrete || !out.hasValues()) return miwb::Status::ok();
  miwb::Labels labels(static_cast<std::size_t>(out.samples()));
  for (miwb::Index i = 0; i < out.samples(); ++i) {
    const double v = out.values()(i, 0);
    if (v != std::round(v) || std::abs(v) > 9.0e15)
      return miwb::Status::invalidInput(name + ": --y-discrete needs integer class labels, row " + std::to_string(i) +
                                        " holds " + std::to_string(v));
    labels[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(v);
  }
  out = miwb::Variable::discrete(std::move(labels));
  return miwb::Status::ok();
}

// A number strictly between 0 and 1 (--fdr-level, --clump).
miwb::Status parseFraction(const QCommandLineParser& parser, const char* option, double& out) {
  bool ok = false;
  out = parser.value(option).toDouble(&ok);
  if (!ok || !(out > 0.0 && out < 1.0))
    return miwb::Status::invalidInput(std::string("option --") + option + " must be a number between 0 and 1 (exclusive), got '" +
                                      parser.value(option).toStdString() + "'");
  return miwb::Status::ok();
}

miwb::Status parseOptions(QCommandLineParser& parser, const QStringList& args, miwb::ScreenOptions& screen,
                          miwb::SelectionOptions& selection) {
  if (!parser.parse(args)) return miwb::Status::invalidInput(parser.errorText().toStdString());
  if (!parser.positionalArguments().isEmpty())
    return miwb::Status::invalidInput("screen takes no positional arguments, got '" +
                                      parser.positionalArguments().first().toStdString() + "'");
  for (const char* required : {"x", "y", "out"})
    if (!parser.isSet(required))
      return miwb::Status::invalidInput(std::string("screen needs --") + required + (required[0] == 'o' ? " DIR" : " FILE"));
  long long value = 0;
  if (parser.isSet("threads")) MIWB_TRY(parseCount(parser.value("threads"), "threads", 1, value));
  screen.threads = static_cast<int>(value);
  MIWB_TRY(parseCount(parser.value("seed"), "seed", 0, value));
  screen.seed = static_cast<std::uint64_t>(value);
  if (parser.isSet("permutations")) {
    MIWB_TRY(parseCount(parser.value("permutations"), "permutations", 1, value));
    screen.permutations = static_cast<int>(std::min<long long>(value, 1000000));
  }
  if (parser.isSet("max-memory") &&
      !miwb::parseMemorySize(parser.value("max-memory").toStdString(), screen.maxMemoryBytes))
    return miwb::Status::invalidInput("option --max-memory: '" + parser.value("max-memory").toStdString() +
                                      "' is not a size (e.g. 512M, 2G)");
  if (parser.isSet("top")) {
    MIWB_TRY(parseCount(parser.value("top"), "top", 1, value));
    selection.top = static_cast<miwb::Index>(value);
  }
  if (parser.isSet("fdr")) {
    const QString method = parser.value("fdr");
    if (method != "bh" && method != "by")
      return miwb::Status::invalidInput("option --fdr must be bh or by, got '" + method.toStdString() + "'");
    if (screen.permutations == 0) return miwb::Status::invalidInput("option --fdr needs --permutations P (the p-values)");
    selection.fdr = method == "bh" ? miwb::FdrMethod::BenjaminiHochberg : miwb::FdrMethod::BenjaminiYekutieli;
  }
  MIWB_TRY(parseFraction(parser, "fdr-level", selection.fdrLevel));
  if (parser.isSet("clump")) {
    double r = 0.0;
    MIWB_TRY(parseFraction(parser, "clump", r));
    if (!selection.top && !selection.fdr)
      return miwb::Status::invalidInput("option --clump needs --top K or --fdr (clumping compares the selected features pairwise)");
    selection.clumpCorrelation = r;
  }
  return miwb::Status::ok();
}

}  // namespace

int runScreen(const QStringList& args) {
  QCommandLineParser parser;
  parser.addOption({"x", "Features: .npy (N x F or F x N) or .csv (a header of feature names).", "FILE"});
  parser.addOption({"y", "Outcome: one column (.npy or .csv); a 1-D integer array is a class label.", "FILE"});
  parser.addOption({{"e", "estimator"}, "Estimator id (repeatable; each -p sets the -e before it).", "ID"});
  parser.addOption({{"p", "param"}, "Parameter of the preceding -e (repeatable).", "key=value"});
  parser.addOption({"y-discrete", "The outcome's values are class labels."});
  parser.addOption({"top", "Select the K most informative features per estimator.", "K"});
  parser.addOption({"permutations", "Permutation p-values from P shuffles of the outcome.", "P"});
  parser.addOption({"fdr", "q-values by bh (Benjamini-Hochberg) or by (Benjamini-Yekutieli); select q <= level.", "METHOD"});
  parser.addOption({"fdr-level", "FDR level of the selection.", "Q", "0.05"});
  parser.addOption({"clump", "Unselect features whose MI with a better-ranked kept one exceeds a Gaussian pair's at correlation R.", "R"});
  parser.addOption({"threads", "Worker threads (default: all cores).", "N"});
  parser.addOption({"seed", "Random seed (estimators' jitter and the permutations).", "S", "0"});
  parser.addOption({"max-memory", "Memory for a block of feature columns, e.g. 512M (default 512M).", "SIZE"});
  parser.addOption({"out", "Output folder (screen.csv, screen.json).", "DIR"});
  if (auto done = answerCommandHelp(parser, args, "screen")) return *done;
  miwb::ScreenOptions options;
  miwb::SelectionOptions selection;
  if (auto s = parseOptions(parser, args, options, selection); !s) return fail(s);
  std::vector<EstimatorRequest> requests;
  if (auto s = estimatorRequests(args, requests); !s) return fail(s);

  miwb::PluginRegistry registry;
  findPlugins(registry);
  std::vector<std::unique_ptr<miwb::Estimator>> owned;
  std::vector<miwb::ScreenEstimator> estimators;
  for (const EstimatorRequest& request : requests) {
    miwb::Json given, resolved;
    if (const auto* entry = registry.estimator(request.id))
      if (auto s = parseParams(request.params, entry->info->params, request.id, given); !s) return fail(s);
    owned.emplace_back();
    if (auto s = registry.createEstimator(request.id, given, owned.back(), &resolved); !s) return fail(s);
    estimators.push_back({request.id, resolved, owned.back().get()});
  }
  miwb::Variable outcome;
  if (auto s = readOutcome(parser.value("y"), parser.isSet("y-discrete"), outcome); !s) return fail(s);
  std::unique_ptr<miwb::FeatureSource> source;
  if (auto s = miwb::openFeatureSource(parser.value("x"), outcome.samples(), source); !s) return fail(s);

  options.cancel = &gScreenCancel;
  std::signal(SIGINT, onScreenInterrupt);
  std::signal(SIGTERM, onScreenInterrupt);
  if (stderrIsTerminal())
    options.progress = [](double fraction) { std::cerr << "\rscreen: " << static_cast<int>(100 * fraction) << " %" << std::flush; };
  miwb::ScreenResult result;
  const miwb::Status screened = miwb::runScreen(*source, outcome, estimators, options, result);
  if (options.progress) std::cerr << "\r" << std::flush;
  if (!screened) return fail(screened);
  for (miwb::ScreenTable& table : result.tables) {
    miwb::rankRows(table.rows);
    if (selection.fdr) miwb::assignQValues(table.rows, *selection.fdr);
    miwb::selectRows(table.rows, selection);
    if (selection.clumpCorrelation)
      if (auto s = miwb::clumpRows(table, *source, options, *selection.clumpCorrelation); !s) return fail(s.withContext("--clump"));
  }

  const QString dir = parser.value("out");
  if (!QDir().mkpath(dir)) return usageError("option --out: cannot create folder '" + dir.toStdString() + "'");
  if (auto s = miwb::writeFile(dir + "/screen.csv", miwb::screenCsv(result)); !s) return fail(s);
  const miwb::Json summary = miwb::screenSummary(result, source->samples(), selection, options);
  if (auto s = miwb::writeFile(dir + "/screen.json", summary.dump(2) + "\n"); !s) return fail(s);
  std::cout << "screen: " << source->features() << " features x " << estimators.size() << " estimators, "
            << source->samples() << " samples; reading " << result.readSeconds << " s";
  for (const miwb::ScreenTable& table : result.tables)
    std::cout << "; " << table.estimator.id << " " << table.seconds << " s";
  std::cout << "\n  " << (dir + "/screen.csv").toStdString() << std::endl;
  return kOk;
}

}  // namespace cli
