#include "miwb/host/cluster/slurm_job.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace miwb {
namespace {

// A word the shell takes literally.
QString quoted(const QString& text) {
  static const QRegularExpression plain("^[A-Za-z0-9_./:=@%+,-]+$");
  if (plain.match(text).hasMatch()) return text;
  QString out = text;
  out.replace("'", "'\\''");
  return "'" + out + "'";
}

QString jobName(const QString& name) {
  QString out = name;
  out.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
  return "miwb-" + out.left(40);
}

// The #SBATCH lines both scripts share.
QString commonOptions(const SlurmRequest& r) {
  QString lines = "#SBATCH --chdir=" + quoted(r.workDir) + "\n#SBATCH --open-mode=append\n";
  const auto add = [&](const char* option, const QString& value) {
    if (!value.isEmpty()) lines += QStringLiteral("#SBATCH --%1=%2\n").arg(option, quoted(value));
  };
  add("partition", r.partition);
  add("time", r.time);
  add("mem", r.mem);
  add("account", r.account);
  for (const QString& option : r.extraOptions) lines += "#SBATCH " + option + "\n";
  return lines;
}

Status save(const QString& path, const QString& text) {
  QSaveFile file(path);
  const QByteArray bytes = text.toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    return Status::failed(path.toStdString() + ": cannot be written (" + file.errorString().toStdString() + ")");
  QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeUser);
  return Status::ok();
}

}  // namespace

QString arraySpec(const std::vector<int>& indices, int shards) {
  if (indices.empty() || static_cast<int>(indices.size()) == shards) return QStringLiteral("0-%1").arg(shards - 1);
  QStringList parts;
  for (int i : indices) parts << QString::number(i);
  return parts.join(',');
}

SlurmScripts slurmScripts(const SlurmRequest& r) {
  SlurmScripts s;
  const QDir folder(QDir(r.outDir).filePath("slurm"));
  s.shardsPath = folder.filePath("shards.sbatch");
  s.mergePath = folder.filePath("merge.sbatch");
  const QString k = QString::number(r.shards);
  s.shardsText = "#!/bin/bash\n"
                 "# MI Workbench: the experiment '" + r.name + "' as " + k + " shards, one array task each.\n"
                 "# Written by `miwb-cli slurm`. Submitting the same command again runs only what is missing:\n"
                 "# each shard skips the tasks already in the journals of " + r.outDir + ".\n"
                 "#SBATCH --job-name=" + quoted(jobName(r.name)) + "\n"
                 "#SBATCH --array=" + arraySpec(r.indices, r.shards) + "\n"
                 "#SBATCH --output=" + quoted(folder.filePath("shard-%a.out")) + "\n" +
                 commonOptions(r) +
                 "set -eu\n"
                 "# Shard I of K journals to results.shard-I-of-K.jsonl; its threads are the CPUs SLURM gives\n"
                 "# the task (--cpus-per-task, 1 when not set).\n"
                 "exec " + quoted(r.cli) + " run " + quoted(r.experiment) + " --out " + quoted(r.outDir) +
                 " --shard \"${SLURM_ARRAY_TASK_ID}/" + k + "\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"\n";
  QString figures;
  if (!r.figures.isEmpty()) figures = " --figures " + r.figures.join(',');
  s.mergeText = "#!/bin/bash\n"
                "# MI Workbench: merges the shards of '" + r.name + "' into results.jsonl, results.csv and figures.\n"
                "# Submitted with --dependency=afterany:<the array's job id>, so it runs however the shards\n"
                "# ended, and fails naming the shards that lack tasks.\n"
                "#SBATCH --job-name=" + quoted(jobName(r.name) + "-merge") + "\n"
                "#SBATCH --output=" + quoted(folder.filePath("merge.out")) + "\n" +
                commonOptions(r) +
                "set -eu\n"
                "exec " + quoted(r.cli) + " merge " + quoted(r.outDir) + figures + "\n";
  return s;
}

Status writeSlurmScripts(const SlurmScripts& scripts) {
  const QString folder = QFileInfo(scripts.shardsPath).path();
  if (!QDir().mkpath(folder)) return Status::failed(folder.toStdString() + ": cannot be created");
  MIWB_TRY(save(scripts.shardsPath, scripts.shardsText));
  return save(scripts.mergePath, scripts.mergeText);
}

QStringList sbatchShardsArguments(const SlurmScripts& scripts) { return {"--parsable", scripts.shardsPath}; }

QStringList sbatchMergeArguments(const SlurmScripts& scripts, const QString& arrayJobId) {
  return {"--parsable", "--dependency=afterany:" + arrayJobId, scripts.mergePath};
}

Status parseSbatchJobId(const QString& output, QString& jobId) {
  static const QRegularExpression id("^\\s*(\\d+)(;\\S+)?\\s*$");
  const auto match = id.match(output.trimmed().split('\n').last());
  if (!match.hasMatch()) return Status::failed("sbatch printed no job id: '" + output.trimmed().toStdString() + "'");
  jobId = match.captured(1);
  return Status::ok();
}

Status findSbatch(QString& path) {
  path = QStandardPaths::findExecutable("sbatch");
  if (path.isEmpty())
    return Status::invalidInput(
        "sbatch is not on PATH: SLURM is not installed here (use --dry-run to write the scripts only)");
  return Status::ok();
}

std::vector<SlurmJobState> parseScontrolJobs(const QString& text) {
  std::vector<SlurmJobState> jobs;
  static const QRegularExpression field("(?:^|\\s)(JobId|ArrayTaskId|JobState|ExitCode|Reason)=(\\S*)");
  for (const QString& line : text.split('\n', Qt::SkipEmptyParts)) {
    SlurmJobState job;
    for (auto it = field.globalMatch(line); it.hasNext();) {
      const auto m = it.next();
      const QString key = m.captured(1), value = m.captured(2);
      if (key == "JobId") job.jobId = value;
      else if (key == "JobState") job.state = value;
      else if (key == "ExitCode") job.exitCode = value;
      else if (key == "Reason") job.reason = value;
      else {
        // "3", "0-2", "1,4-5" or "0-6%2" (a throttle)
        for (const QString& part : value.section('%', 0, 0).split(',', Qt::SkipEmptyParts)) {
          const int from = part.section('-', 0, 0).toInt(), to = part.contains('-') ? part.section('-', 1, 1).toInt() : from;
          for (int i = from; i <= to && i - from < 1000000; ++i) job.arrayTasks.push_back(i);
        }
      }
    }
    if (!job.jobId.isEmpty()) jobs.push_back(std::move(job));
  }
  return jobs;
}

bool isFinalSlurmState(const QString& state) {
  static const QStringList running{"PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING",
                                   "SUSPENDED", "STAGE_OUT", "SIGNALING", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD"};
  return !state.isEmpty() && !running.contains(state);
}

}  // namespace miwb
