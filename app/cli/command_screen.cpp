// miwb-cli screen: one outcome against every feature of a file (host/screen), written to DIR/screen.csv
// and DIR/screen.json.
#include <QCommandLineParser>
#include <QDir>
#include <atomic>
#include <cmath>
#include <csignal>
#include <iostream>
#include <optional>

#include "cli_common.h"
#include "command_help.h"
#include "miwb/host/cluster/shard.h"
#include "miwb/host/experiment/experiment.h"  // readJsonFile
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
  const bool merging = parser.isSet("merge");
  if (merging) {
    if (parser.positionalArguments().isEmpty()) return miwb::Status::invalidInput("screen --merge needs the shards' folders");
    for (const char* given : {"x", "y", "e", "shard", "clump", "permutations"})
      if (parser.isSet(given))
        return miwb::Status::invalidInput(std::string("screen --merge takes the shards' folders, not --") + given +
                                          (std::string(given) == "clump" ? " (clump on the features with a screen run of its own)" : ""));
  } else if (!parser.positionalArguments().isEmpty()) {
    return miwb::Status::invalidInput("screen takes no positional arguments, got '" +
                                      parser.positionalArguments().first().toStdString() + "'");
  }
  for (const char* required : {"x", "y", "out"})
    if (!parser.isSet(required) && (!merging || required[0] == 'o'))
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
    if (screen.permutations == 0 && !merging)
      return miwb::Status::invalidInput("option --fdr needs --permutations P (the p-values)");
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
  if (parser.isSet("shard") && (selection.top || selection.fdr || selection.clumpCorrelation))
    return miwb::Status::invalidInput("option --shard: selection (--top, --fdr, --clump) needs every feature; give it to screen --merge");
  return miwb::Status::ok();
}

// Ranks, q-values and selection over every feature (after a screen, or after merging its shards).
void rankAndSelect(miwb::ScreenResult& result, const miwb::SelectionOptions& selection) {
  for (miwb::ScreenTable& table : result.tables) {
    miwb::rankRows(table.rows);
    if (selection.fdr) miwb::assignQValues(table.rows, *selection.fdr);
    miwb::selectRows(table.rows, selection);
  }
}

miwb::Status writeOutputs(const QString& dir, const miwb::ScreenResult& result, const miwb::Json& summary) {
  if (!QDir().mkpath(dir)) return miwb::Status::invalidInput("option --out: cannot create folder '" + dir.toStdString() + "'");
  MIWB_TRY(miwb::writeFile(dir + "/screen.csv", miwb::screenCsv(result)));
  return miwb::writeFile(dir + "/screen.json", summary.dump(2) + "\n");
}

// screen --merge DIR...: the shards' rows in one screen.csv, ranked and selected over all features.
// Every shard of one split must be there once (screen.json says which it is).
int mergeShards(const QCommandLineParser& parser, const miwb::SelectionOptions& selection) {
  std::vector<QString> files;
  std::vector<miwb::Json> summaries;
  std::vector<bool> present;
  miwb::Json first;
  for (const QString& dir : parser.positionalArguments()) {
    miwb::Json summary;
    if (auto s = miwb::readJsonFile((dir + "/screen.json").toStdString(), summary); !s) return fail(s);
    if (!summary.contains("shard") || !summary["shard"].is_object())
      return usageError(dir.toStdString() + "/screen.json: not a shard's (run screen with --shard I/K, 0 <= I < K)");
    const int index = summary["shard"].value("index", -1), count = summary["shard"].value("count", 0);
    if (first.is_null()) {
      first = summary;
      present.assign(static_cast<std::size_t>(std::max(count, 1)), false);
    }
    if (count != first["shard"].value("count", 0) || summary.value("features", -1) != first.value("features", -2) ||
        index < 0 || index >= count)
      return usageError(dir.toStdString() + ": shard " + summary["shard"].dump() + " is not of the same split as " +
                        parser.positionalArguments().first().toStdString());
    if (present[static_cast<std::size_t>(index)])
      return usageError(dir.toStdString() + ": shard " + std::to_string(index) + "/" + std::to_string(count) + " is given twice");
    present[static_cast<std::size_t>(index)] = true;
    files.push_back(dir + "/screen.csv");
    summaries.push_back(summary);
  }
  for (std::size_t k = 0; k < present.size(); ++k)
    if (!present[k])
      return usageError("shard " + std::to_string(k) + "/" + std::to_string(present.size()) + " is missing");
  miwb::ScreenResult result;
  if (auto s = miwb::mergeScreenCsv(files, first.value("features", miwb::Index{0}), result); !s) return fail(s);
  if (selection.fdr)
    for (const miwb::ScreenTable& table : result.tables)
      for (const miwb::ScreenRow& row : table.rows)
        if (!std::isnan(row.miNats) && !row.pValue)
          return usageError("option --fdr: the shards have no p-values (run them with --permutations P)");
  // Parameters from the first shard; times summed over the shards (CPU spent, not the wall time of a
  // parallel split).
  for (miwb::ScreenTable& table : result.tables)
    for (const miwb::Json& e : first.value("estimators", miwb::Json::array()))
      if (e.value("id", "") == table.estimator.id) table.estimator.params = e.value("params", miwb::Json::object());
  for (const miwb::Json& summary : summaries) {
    result.readSeconds += summary.value("read_seconds", 0.0);
    result.blocks += summary.value("blocks", miwb::Index{0});
    for (const miwb::Json& e : summary.value("estimators", miwb::Json::array()))
      for (miwb::ScreenTable& table : result.tables)
        if (e.value("id", "") == table.estimator.id) table.seconds += e.value("seconds", 0.0);
  }
  rankAndSelect(result, selection);
  miwb::ScreenOptions options;
  options.permutations = first.value("permutations", 0);
  options.seed = first.value("seed", std::uint64_t{0});
  miwb::Json summary = miwb::screenSummary(result, first.value("samples", miwb::Index{0}), selection, options);
  summary["merged_shards"] = present.size();
  if (auto s = writeOutputs(parser.value("out"), result, summary); !s) return fail(s);
  std::cout << "screen: merged " << present.size() << " shards of " << result.names.size() << " features\n  "
            << (parser.value("out") + "/screen.csv").toStdString() << std::endl;
  return kOk;
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
  parser.addOption({"shard", "Estimate only shard I of K (0 <= I < K; contiguous feature ranges); selection happens at --merge.", "I/K"});
  parser.addOption({"merge", "Merge the shards' folders given as arguments (ranks, q-values, --top) into --out."});
  if (auto done = answerCommandHelp(parser, args, "screen")) return *done;
  miwb::ScreenOptions options;
  miwb::SelectionOptions selection;
  if (auto s = parseOptions(parser, args, options, selection); !s) return fail(s);
  if (parser.isSet("merge")) return mergeShards(parser, selection);
  std::optional<miwb::ShardSpec> shard;
  if (parser.isSet("shard")) {
    shard.emplace();
    if (auto s = miwb::parseShardSpec(parser.value("shard").toStdString(), *shard); !s) return fail(s);
  }
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

  if (shard) {  // contiguous ranges, so each shard reads its own span of the file
    const miwb::Index f = source->features();
    options.firstFeature = f * shard->index / shard->count;
    options.endFeature = f * (shard->index + 1) / shard->count;
  }
  options.cancel = &gScreenCancel;
  std::signal(SIGINT, onScreenInterrupt);
  std::signal(SIGTERM, onScreenInterrupt);
  if (stderrIsTerminal())
    options.progress = [](double fraction) { std::cerr << "\rscreen: " << static_cast<int>(100 * fraction) << " %" << std::flush; };
  miwb::ScreenResult result;
  const miwb::Status screened = miwb::runScreen(*source, outcome, estimators, options, result);
  if (options.progress) std::cerr << "\r" << std::flush;
  if (!screened) return fail(screened);
  if (!shard) {
    rankAndSelect(result, selection);
    if (selection.clumpCorrelation)
      for (miwb::ScreenTable& table : result.tables)
        if (auto s = miwb::clumpRows(table, *source, options, *selection.clumpCorrelation); !s) return fail(s.withContext("--clump"));
  }
  const QString dir = parser.value("out");
  miwb::Json summary = miwb::screenSummary(result, source->samples(), selection, options);
  if (shard) summary["shard"] = {{"index", shard->index}, {"count", shard->count}, {"first_feature", result.firstFeature},
                                 {"end_feature", result.endFeature}};
  if (auto s = writeOutputs(dir, result, summary); !s) return fail(s);
  std::cout << "screen: " << source->features() << " features x " << estimators.size() << " estimators, "
            << source->samples() << " samples; reading " << result.readSeconds << " s";
  for (const miwb::ScreenTable& table : result.tables)
    std::cout << "; " << table.estimator.id << " " << table.seconds << " s";
  std::cout << "\n  " << (dir + "/screen.csv").toStdString() << std::endl;
  return kOk;
}

}  // namespace cli
