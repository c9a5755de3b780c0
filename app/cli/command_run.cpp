#include <QCommandLineParser>
#include <QDir>
#include <cmath>
#include <csignal>
#include <iostream>
#include <mutex>

#include "cli_common.h"
#include "figure_module.h"
#include "miwb/host/experiment.h"
#include "miwb/host/experiment_keys.h"
#include "miwb/host/experiment_runner.h"
#include "miwb/memory_limit.h"

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
  if (!parser.parse(args)) return usageError(parser.errorText().toStdString());
  if (parser.positionalArguments().size() != 1) return usageError("run needs exactly one EXPERIMENT.json");
  if (!parser.isSet("out")) return usageError("run needs --out DIR");
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
  if (parser.isSet("figures")) {
    figureFormats = parser.value("figures").split(',', Qt::SkipEmptyParts);
    for (const QString& format : figureFormats)
      if (format != "png" && format != "svg" && format != "pdf")
        return usageError("option --figures: unknown format '" + format.toStdString() + "' (use png, svg, pdf)");
  }

  const std::string path = parser.positionalArguments().first().toStdString();
  miwb::Json doc;
  if (auto s = miwb::readJsonFile(path, doc); !s) return fail(s);
  for (const std::string& key : miwb::unknownExperimentKeys(doc))
    std::cerr << "warning: " << path << ": unknown key '" << key << "' is ignored" << std::endl;
  miwb::Experiment experiment;
  if (auto s = miwb::Experiment::fromJson(doc, experiment); !s) return fail(s.withContext(path));
  miwb::PluginRegistry registry;
  findPlugins(registry);
  if (auto s = experiment.resolve(registry); !s) return fail(s.withContext(path));

  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  ProgressLine line(stderrIsTerminal());
  miwb::RunObserver observer;
  observer.progress = [&](int done, int total) {
    line.show("[" + std::to_string(done) + "/" + std::to_string(total) + "] tasks done");
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
  std::cout << experiment.name << ": " << summary.total << " tasks (" << summary.skipped << " already done, "
            << summary.succeeded << " ran, " << summary.failed << " failed)\n"
            << "time: " << summary.prepareSeconds << " s preparing the dataset, " << summary.taskSeconds
            << " s running tasks\n"
            << "results: " << out.filePath("results.csv").toStdString() << "\n"
            << "journal: " << out.filePath("results.jsonl").toStdString() << std::endl;
  if (summary.failed)
    std::cerr << "warning: " << summary.failed << " tasks failed; their messages are in results.csv" << std::endl;
  if (figureFormats.isEmpty()) return kOk;
  std::string error;
  const FigureModule* figures = loadFigureModule(error);  // main() loaded it already for the application
  if (!figures) return fail(miwb::Status::failed("figures are not available: " + error));
  if (auto s = figures->writeFigures(experiment, summary.table, out, figureFormats); !s) return fail(s);
  return kOk;
}

}  // namespace cli
