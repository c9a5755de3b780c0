// miwb-cli slurm EXPERIMENT.json --out DIR --shards K [--wait] [--dry-run] [sbatch options]: writes an
// sbatch array of K shards and a merge job into DIR/slurm/, submits them, and with --wait follows
// them to the end. Submitting again submits only the shards that still lack tasks.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <atomic>
#include <csignal>
#include <iostream>
#include <map>

#include "cli_common.h"
#include "command_help.h"
#include "merge_report.h"
#include "miwb/host/run/run_folder.h"
#include "miwb/host/cluster/slurm_job.h"
#include "run_outputs.h"

namespace cli {
namespace {

std::atomic<bool> gStopWaiting{false};
extern "C" void onInterruptWait(int) { gStopWaiting.store(true); }

struct SlurmArgs {
  QString experiment, out, figures, shardsText;
  long long shards = 0;
  bool wait = false, dryRun = false;
  QString partition, time, mem, account;
  QStringList extra;
};

// The options slurm reads itself, each a value (text) or a flag; any other --name=value goes to
// sbatch, so slurm parses by hand and its --help is drawn from this table.
struct SlurmOption {
  const char* name;
  const char* valueName;  // nullptr: a flag
  const char* help;
  QString SlurmArgs::*text;
  bool SlurmArgs::*flag;
};
const SlurmOption kSlurmOptions[] = {
    {"out", "DIR", "Run folder: the results, and the scripts and logs in DIR/slurm/.", &SlurmArgs::out, nullptr},
    {"shards", "K", "Number of shards, one array task each (K >= 1).", &SlurmArgs::shardsText, nullptr},
    {"figures", "LIST", "Figure formats the merge job renders: png,svg,pdf.", &SlurmArgs::figures, nullptr},
    {"partition", "P", "SLURM partition of the jobs.", &SlurmArgs::partition, nullptr},
    {"time", "T", "Time limit of each job (sbatch --time).", &SlurmArgs::time, nullptr},
    {"mem", "M", "Memory of each job (sbatch --mem).", &SlurmArgs::mem, nullptr},
    {"account", "A", "Account the jobs are charged to.", &SlurmArgs::account, nullptr},
    {"wait", nullptr, "Follow the jobs to their end; name every shard that did not complete.", nullptr, &SlurmArgs::wait},
    {"dry-run", nullptr, "Write the scripts and print the sbatch commands; submit nothing.", nullptr, &SlurmArgs::dryRun},
};

void declareSlurmOptions(QCommandLineParser& parser) {
  parser.addPositionalArgument("experiment", "Experiment JSON file.");
  for (const SlurmOption& option : kSlurmOptions)
    parser.addOption(option.valueName ? QCommandLineOption(option.name, option.help, option.valueName)
                                      : QCommandLineOption(option.name, option.help));
  parser.addPositionalArgument("sbatch-options", "Further sbatch options, passed on as given.", "[--name=value...]");
}

// sbatch options the scripts set themselves.
const QStringList kOwnOptions{"--array", "--output", "--error", "--job-name", "--chdir", "--dependency", "--parsable",
                              "--open-mode", "--wrap"};

miwb::Status parseArgs(const QStringList& args, SlurmArgs& a) {
  bool shardsSet = false;
  for (int i = 1; i < args.size(); ++i) {
    const QString arg = args[i];
    if (!arg.startsWith("-")) {
      if (!a.experiment.isEmpty()) return miwb::Status::invalidInput("slurm needs exactly one EXPERIMENT.json, got '" +
                                                                     a.experiment.toStdString() + "' and '" + arg.toStdString() + "'");
      a.experiment = arg;
      continue;
    }
    if (!arg.startsWith("--"))
      return miwb::Status::invalidInput("option '" + arg.toStdString() + "': give further sbatch options as --name=value");
    const QString name = arg.section('=', 0, 0);
    const SlurmOption* option = nullptr;
    for (const SlurmOption& o : kSlurmOptions)
      if (name == QStringLiteral("--") + o.name) option = &o;
    if (option && option->flag) {
      if (arg.contains('=')) return miwb::Status::invalidInput("option " + name.toStdString() + " takes no value");
      a.*(option->flag) = true;
      continue;
    }
    if (option) {
      QString& value = a.*(option->text);
      if (arg.contains('=')) value = arg.section('=', 1);
      else if (i + 1 < args.size()) value = args[++i];
      else return miwb::Status::invalidInput("option " + name.toStdString() + " needs a value");
      shardsSet |= option->text == &SlurmArgs::shardsText;
      continue;
    }
    if (kOwnOptions.contains(name))
      return miwb::Status::invalidInput("option " + name.toStdString() + ": miwb-cli slurm sets it in the scripts itself");
    a.extra << arg;  // passed through to sbatch
  }
  if (a.experiment.isEmpty()) return miwb::Status::invalidInput("slurm needs an EXPERIMENT.json");
  if (a.out.isEmpty()) return miwb::Status::invalidInput("slurm needs --out DIR");
  if (!shardsSet) return miwb::Status::invalidInput("slurm needs --shards K");
  bool ok = false;
  a.shards = a.shardsText.toLongLong(&ok);
  if (!ok || a.shards < 1 || a.shards > 100000)
    return miwb::Status::invalidInput("option --shards must be a whole number K >= 1, got '" + a.shardsText.toStdString() + "'");
  return miwb::Status::ok();
}

// Runs a SLURM command and returns what it printed; a failure carries its stderr.
miwb::Status runTool(const QString& program, const QStringList& arguments, QString& output, int timeoutMs = 60000) {
  QProcess process;
  process.start(program, arguments);
  if (!process.waitForFinished(timeoutMs)) {
    process.kill();
    process.waitForFinished();
    return miwb::Status::failed(program.toStdString() + " did not answer within " + std::to_string(timeoutMs / 1000) + " s");
  }
  output = QString::fromUtf8(process.readAllStandardOutput());
  if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
    return miwb::Status::failed(QFileInfo(program).fileName().toStdString() + " " + arguments.join(' ').toStdString() +
                                " failed: " + QString::fromUtf8(process.readAllStandardError()).trimmed().toStdString());
  return miwb::Status::ok();
}

// `scontrol show job -o ID`; empty when SLURM has forgotten the job (it ended a while ago).
std::vector<miwb::SlurmJobState> jobStates(const QString& scontrol, const QString& id) {
  QString output;
  if (!runTool(scontrol, {"show", "job", "-o", id}, output)) return {};
  return miwb::parseScontrolJobs(output);
}

int pollMilliseconds() {
  const double seconds = qEnvironmentVariable("MIWB_SLURM_POLL_SECONDS", "2").toDouble();
  return std::max(100, static_cast<int>(seconds * 1000));
}

// Follows the merge job to its end, then names every shard that did not complete.
int waitForJobs(const QString& arrayId, const QString& mergeId, const QString& outDir, int shards) {
  const QString scontrol = QStandardPaths::findExecutable("scontrol");
  if (scontrol.isEmpty()) return fail(miwb::Status::invalidInput("scontrol is not on PATH: cannot follow the jobs"));
  std::signal(SIGINT, onInterruptWait);
  QString mergeState, lastSummary;
  while (true) {
    if (gStopWaiting.load()) {
      std::cerr << "stopped waiting; jobs " << arrayId.toStdString() << " and " << mergeId.toStdString()
                << " go on (scancel them to stop them)" << std::endl;
      return kCancelled;
    }
    const auto merge = jobStates(scontrol, mergeId);
    mergeState = merge.empty() ? QString() : merge.front().state;
    if (merge.empty() || miwb::isFinalSlurmState(mergeState)) break;
    std::map<QString, int> count;
    for (const auto& job : jobStates(scontrol, arrayId)) count[job.state] += std::max<int>(1, int(job.arrayTasks.size()));
    QStringList parts;
    for (const auto& [state, n] : count) parts << QStringLiteral("%1 %2").arg(n).arg(state.toLower());
    const QString summary = "shards: " + parts.join(", ") + "; merge: " + mergeState.toLower();
    if (summary != lastSummary) std::cerr << summary.toStdString() << std::endl;
    lastSummary = summary;
    QThread::msleep(static_cast<unsigned long>(pollMilliseconds()));
  }

  std::map<int, QString> failedShards;  // shard -> why
  for (const auto& job : jobStates(scontrol, arrayId))
    if (job.state != "COMPLETED")
      for (int task : job.arrayTasks)
        failedShards[task] = QStringLiteral("job %1 ended %2, exit %3; log: %4")
                                 .arg(job.jobId, job.state, job.exitCode,
                                      QDir(outDir).filePath(QStringLiteral("slurm/shard-%1.out").arg(task)));
  miwb::RunFolderState state;
  const miwb::Status read = miwb::readRunFolders({outDir}, state, shards);
  if (read)
    for (const auto& gap : state.gaps)
      if (!failedShards.count(gap.shard.index))
        failedShards[gap.shard.index] = QStringLiteral("%1 of %2 tasks lack a result").arg(gap.lacking()).arg(gap.tasks);
  if (!read) failedShards[-1] = QString::fromStdString(read.message());
  if (failedShards.empty() && mergeState == "COMPLETED") {
    std::cout << "done: merged results in " << QDir(outDir).filePath("results.csv").toStdString() << std::endl;
    return kOk;
  }
  if (read && !state.gaps.empty()) printGaps(state, std::cerr);
  QStringList named, details;
  for (const auto& [shard, why] : failedShards) {
    if (shard >= 0) named << QString::number(shard);
    details << (shard >= 0 ? QStringLiteral("shard %1: %2").arg(shard).arg(why) : why);
  }
  if (named.isEmpty())
    return fail(miwb::Status::failed("the merge job " + mergeId.toStdString() + " ended " +
                                     (mergeState.isEmpty() ? std::string("(no longer known to SLURM)") : mergeState.toStdString()) +
                                     "; its log: " + QDir(outDir).filePath("slurm/merge.out").toStdString()));
  return fail(miwb::Status::failed(QStringLiteral("shard%1 %2 of %3 did not complete (%4); submit the same command again "
                                                  "to run only their missing tasks")
                                       .arg(named.size() > 1 ? "s" : "", named.join(", "))
                                       .arg(shards)
                                       .arg(details.join("; "))
                                       .toStdString()));
}

}  // namespace

int runSlurm(const QStringList& args) {
  QCommandLineParser parser;  // for --help only (see kSlurmOptions)
  declareSlurmOptions(parser);
  if (auto done = answerCommandHelp(parser, args, "slurm")) return *done;
  SlurmArgs a;
  if (auto s = parseArgs(args, a); !s) return fail(s);
  QStringList figureFormats;
  if (auto s = parseFigureFormats(a.figures, figureFormats); !s) return fail(s);
  QString sbatch;
  if (!a.dryRun)
    if (auto s = miwb::findSbatch(sbatch); !s) return fail(s);
  miwb::Experiment experiment;
  miwb::PluginRegistry registry;
  if (auto s = loadExperiment(a.experiment.toStdString(), registry, experiment); !s) return fail(s);

  const QString outDir = QDir(a.out).absolutePath();
  const int shards = static_cast<int>(a.shards);
  const QString experimentPath = QDir(outDir).filePath(miwb::kExperimentFile);
  const miwb::Json resolved = experiment.toJson();
  std::vector<int> indices;  // empty: all
  if (QFileInfo::exists(experimentPath)) {
    miwb::Json existing;
    if (auto s = miwb::readJsonFile(experimentPath.toStdString(), existing); !s) return fail(s);
    if (existing != resolved)
      return fail(miwb::Status::invalidInput(experimentPath.toStdString() + ": the folder holds a different experiment ('" +
                                             existing.value("name", std::string()) + "'); give each experiment its own --out"));
    miwb::RunFolderState state;
    if (miwb::readRunFolders({outDir}, state, shards)) {
      if (state.gaps.empty()) {
        std::cout << "every task of '" << experiment.name << "' is done in " << outDir.toStdString()
                  << "; nothing to submit (miwb-cli merge " << outDir.toStdString() << " writes the results)" << std::endl;
        return kOk;
      }
      for (const auto& gap : state.gaps) indices.push_back(gap.shard.index);
      std::cout << "resuming: submitting only the shards that lack tasks" << std::endl;
      printGaps(state, std::cout);
    }
  }
  if (!QDir().mkpath(QDir(outDir).filePath("slurm")))
    return fail(miwb::Status::failed(outDir.toStdString() + "/slurm: cannot be created"));
  // The shards read a copy nobody rewrites; experiment.json in DIR lets the window follow the folder now.
  miwb::SlurmRequest request;
  request.experiment = QDir(outDir).filePath("slurm/experiment.json");
  for (const QString& path : {request.experiment, experimentPath}) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QByteArray::fromStdString(resolved.dump(2) + "\n")) < 0)
      return fail(miwb::Status::failed(path.toStdString() + ": cannot be written"));
  }
  request.cli = QCoreApplication::applicationFilePath();
  request.outDir = outDir;
  request.workDir = QDir::currentPath();
  request.name = QString::fromStdString(experiment.name);
  request.shards = shards;
  request.indices = indices;
  request.partition = a.partition;
  request.time = a.time;
  request.mem = a.mem;
  request.account = a.account;
  request.extraOptions = a.extra;
  request.figures = figureFormats;
  const miwb::SlurmScripts scripts = miwb::slurmScripts(request);
  if (auto s = miwb::writeSlurmScripts(scripts); !s) return fail(s);
  std::cout << "scripts: " << scripts.shardsPath.toStdString() << "\n         " << scripts.mergePath.toStdString() << std::endl;
  if (a.dryRun) {
    std::cout << "dry run; submit with:\n  sbatch " << miwb::sbatchShardsArguments(scripts).join(' ').toStdString()
              << "\n  sbatch " << miwb::sbatchMergeArguments(scripts, "<array job id>").join(' ').toStdString() << std::endl;
    return kOk;
  }
  QString output, arrayId, mergeId;
  if (auto s = runTool(sbatch, miwb::sbatchShardsArguments(scripts), output); !s) return fail(s);
  if (auto s = miwb::parseSbatchJobId(output, arrayId); !s) return fail(s);
  if (auto s = runTool(sbatch, miwb::sbatchMergeArguments(scripts, arrayId), output); !s) return fail(s);
  if (auto s = miwb::parseSbatchJobId(output, mergeId); !s) return fail(s);
  std::cout << "shards: job " << arrayId.toStdString() << " (array " << miwb::arraySpec(indices, shards).toStdString()
            << " of " << shards << ")\nmerge: job " << mergeId.toStdString() << std::endl;
  if (!a.wait) return kOk;
  return waitForJobs(arrayId, mergeId, outDir, shards);
}

}  // namespace cli
