// miwb-cli merge DIR [DIR...]: the shard journals of one experiment into the files a single run
// writes (results.jsonl, results.csv, figures), in the first folder.
#include <QCommandLineParser>
#include <QDir>
#include <iostream>

#include "cli_common.h"
#include "command_help.h"
#include "merge_report.h"
#include "miwb/host/run/run_folder.h"
#include "run_outputs.h"

namespace cli {

int runMerge(const QStringList& args) {
  QCommandLineParser parser;
  parser.addPositionalArgument("dir", "Run folder(s) holding the shard journals; the results go to the first.");
  parser.addOption({"figures", "Figure formats to render: png,svg,pdf.", "LIST"});
  parser.addOption({"partial", "Merge what there is, even when shards lack tasks."});
  if (auto done = answerCommandHelp(parser, args, "merge")) return *done;
  if (!parser.parse(args)) return usageError(parser.errorText().toStdString());
  const QStringList dirs = parser.positionalArguments();
  if (dirs.isEmpty()) return usageError("merge needs a run folder DIR");
  QStringList figureFormats;
  if (auto s = parseFigureFormats(parser.value("figures"), figureFormats); !s) return fail(s);

  miwb::RunFolderState state;
  if (auto s = miwb::readRunFolders(dirs, state); !s) return fail(s);
  const QDir out(dirs.first());
  if (!state.gaps.empty()) {
    printGaps(state, std::cerr);
    if (!parser.isSet("partial"))
      return fail(miwb::Status::failed(out.path().toStdString() + ": " + incompleteSummary(state) +
                                       "; run those shards again, or merge what there is with --partial"));
  }
  miwb::Experiment experiment;
  if (auto s = miwb::Experiment::fromJson(state.experiment, experiment); !s)
    return fail(s.withContext(out.filePath(miwb::kExperimentFile).toStdString()));
  if (experiment.kind == miwb::ExperimentKind::Benchmark) {
    // The benchmark summary needs the suite's tasks and which estimators are neural: the plugins say.
    miwb::PluginRegistry registry;
    findPlugins(registry, miwb::PluginLoading::OnDemand);
    if (auto s = experiment.resolve(registry); !s)
      return fail(s.withContext(out.filePath(miwb::kExperimentFile).toStdString()));
  }
  if (auto s = miwb::writeJournal(state.table, out.path()); !s) return fail(s);
  if (auto s = miwb::writeResultTables(experiment, state.table, out.path()); !s) return fail(s);
  int failed = 0;
  for (const auto& row : state.table) failed += !row.ok;
  std::cout << experiment.name << ": merged " << state.table.size() << " of " << state.tasks.size() << " tasks from "
            << state.journals.size() << " journals (" << failed << " failed)\n"
            << "results: " << out.filePath("results.csv").toStdString() << "\n"
            << "journal: " << out.filePath("results.jsonl").toStdString() << std::endl;
  if (!state.gaps.empty()) std::cerr << "warning: partial results: " << incompleteSummary(state) << std::endl;
  if (auto s = writeFigures(experiment, state.table, out, figureFormats); !s) return fail(s);
  return kOk;
}

}  // namespace cli
