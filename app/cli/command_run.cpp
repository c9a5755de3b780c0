#include <QCommandLineParser>
#include <QDir>
#include <cmath>
#include <algorithm>
#include <csignal>
#include <iostream>
#include <mutex>

#include "cli_common.h"
#include "command_help.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/experiment/experiment_keys.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/memory_limit.h"
#include "run_estimate.h"
#include "run_outputs.h"

namespace cli {
namespace {

std::atomic<bool> gCancel{false};
extern "C" void onInterrupt(int) { gCancel.store(true); }

// One rewriting status line on a terminal; nothing when stderr is a file or a pipe.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  void show(const std::string& text) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    std::cerr << "\r\033[K" << text << std::flush;
    shown_ = true;
  }
  void finish() {
    if (enabled_ && shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::mutex mutex_;
};

}  // namespace

int runExperiment(const QStringList& args) {
  QCommandLineParser parser;
  parser.addPositionalArgument("experiment", "Experiment JSON file.");
  parser.addOption({"out", "Output folder (results.jsonl, results.csv, experiment.json).", "DIR"});
  parser.addOption({"threads", "Worker threads (default: all cores).", "N"});
  parser.addOption({"figures", "Figure formats to render: png,svg,pdf.", "LIST"});
  parser.addOption({"max-memory", "Largest array or store slice to load, e.g. 8G (default: physical memory).", "SIZE"});
  parser.addOption({"task-time-limit", "Stop a task after this many seconds and journal it as failed.", "SECONDS"});
  parser.addOption({"shard", "Run only shard I of K (0 <= I < K), journaling to results.shard-I-of-K.jsonl.", "I/K"});
  parser.addOption({"dry-run", "Print the task count and an estimated time; run nothing."});
  if (auto done = answerCommandHelp(parser, args, "run")) return *done;
  if (!parser.parse(args)) return usageError(parser.errorText().toStdString());
  if (parser.positionalArguments().size() != 1) return usageError("run needs exactly one EXPERIMENT.json");
  const bool dryRun = parser.isSet("dry-run");
  if (!parser.isSet("out") && !dryRun) return usageError("run needs --out DIR");
  long long threads = 0;
  if (parser.isSet("threads")) {
    if (auto s = parseCount(parser.value("threads"), "threads", 1, threads); !s) return fail(s);
  }
  if (parser.isSet("max-memory")) {
    std::uint64_t bytes = 0;
    if (!miwb::parseMemorySize(parser.value("max-memory").toStdString(), bytes))
      return usageError("option --max-memory: '" + parser.value("max-memory").toStdString() +
                        "' is not a size (use e.g. 512M, 8G)");
    miwb::setMemoryLimitBytes(bytes);
  }
  double timeLimit = 0;
  if (parser.isSet("task-time-limit")) {
    bool ok = false;
    timeLimit = parser.value("task-time-limit").toDouble(&ok);
    if (!ok || !(timeLimit > 0) || !std::isfinite(timeLimit))
      return usageError("option --task-time-limit: '" + parser.value("task-time-limit").toStdString() +
                        "' is not a positive number of seconds");
  }
  QStringList figureFormats;
  if (auto s = parseFigureFormats(parser.value("figures"), figureFormats); !s) return fail(s);
  std::optional<miwb::ShardSpec> shard;
  if (parser.isSet("shard")) {
    shard.emplace();
    if (auto s = miwb::parseShardSpec(parser.value("shard").toStdString(), *shard); !s) return fail(s);
    if (!figureFormats.isEmpty()) return usageError("option --figures: a shard draws no figures; `merge --figures` does");
  }

  const std::string path = parser.positionalArguments().first().toStdString();
  miwb::Json doc;
  if (auto s = miwb::readJsonFile(path, doc); !s) return fail(s);
  for (const miwb::UnknownKey& key : miwb::unknownExperimentKeys(doc))
    std::cerr << "warning: " << path << ": " << key.message() << std::endl;
  miwb::Experiment experiment;
  miwb::PluginRegistry registry;
  if (auto s = loadExperiment(path, registry, experiment); !s) return fail(s);
  if (dryRun) return printRunEstimate(registry, experiment, static_cast<int>(threads));

  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  ProgressLine line(stderrIsTerminal());
  miwb::RunObserver observer;
  observer.progress = [&](int done, int total) {
    std::string text = "[";  // appended, not chained with +: GCC 12 warns falsely (-Wrestrict) on the chain
    text.append(std::to_string(done)).append("/").append(std::to_string(total)).append("] tasks done");
    line.show(text);
  };
  observer.preparing = [&](const std::string& stage, double fraction) {
    line.show(stage + ": " + std::to_string(static_cast<int>(fraction * 100)) + " %");
  };
  observer.log = [&](const std::string& message) {
    line.finish();
    std::cerr << message << std::endl;
  };

  miwb::RunOptions options;
  options.threads = static_cast<int>(threads);
  options.outDir = parser.value("out");
  options.cancel = &gCancel;
  options.taskTimeLimitSeconds = timeLimit;
  options.shard = shard;
  miwb::ExperimentRunner runner(registry, experiment);
  miwb::RunSummary summary;
  const miwb::Status status = runner.run(options, observer, summary);
  line.finish();
  const QDir out(options.outDir);
  if (status.code() == miwb::StatusCode::Cancelled) {
    std::cerr << "cancelled: " << summary.succeeded + summary.failed << " tasks finished and kept in "
              << out.filePath("results.jsonl").toStdString() << "; run again to finish" << std::endl;
    return kCancelled;
  }
  if (!status) return fail(status);
  const std::string journal = out.filePath(miwb::journalFileName(shard)).toStdString();
  std::cout << experiment.name;
  if (shard) std::cout << ", shard " << shard->text();
  std::cout << ": " << summary.total
            << " tasks (" << summary.skipped << " already done, " << summary.succeeded << " ran, " << summary.failed
            << " failed)\n"
            << "time: " << summary.prepareSeconds << " s preparing the dataset, " << summary.taskSeconds
            << " s running tasks\n";
  if (!shard) std::cout << "results: " << out.filePath("results.csv").toStdString() << "\n";
  std::cout << "journal: " << journal << std::endl;
  if (shard && summary.failed) {
    // Failed, so that the scheduler marks the shard failed; a rerun retries these tasks.
    const auto first = std::find_if(summary.table.begin(), summary.table.end(), [](const auto& row) { return !row.ok; });
    std::string message = "shard ";
    message.append(shard->text()).append(": ").append(std::to_string(summary.failed)).append(" tasks failed");
    if (first != summary.table.end()) message.append(" (first: ").append(first->task).append(": ").append(first->message).append(")");
    message.append("; their rows are in ").append(journal);
    return fail(miwb::Status::failed(message));
  }
  if (summary.failed)
    std::cerr << "warning: " << summary.failed << " tasks failed; their messages are in results.csv" << std::endl;
  if (auto s = writeFigures(experiment, summary.table, out, figureFormats); !s) return fail(s);
  return kOk;
}

}  // namespace cli
