#pragma once
// A run on SLURM: the two sbatch scripts `miwb-cli slurm` writes (and the window shows before it
// submits), the sbatch command lines that submit them, and the reading of what sbatch and
// `scontrol show job -o` print. Shared by the CLI and the window; nothing here waits on SLURM.
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "miwb/status.h"

namespace miwb {

struct SlurmRequest {
  QString cli;         // absolute path of the miwb-cli the jobs run
  QString experiment;  // absolute path of the experiment the shards run (a copy in DIR/slurm/)
  QString outDir;      // absolute run folder
  QString workDir;     // where the jobs start (relative dataset paths resolve from here)
  QString name;        // the experiment's name, for the job names
  int shards = 1;
  std::vector<int> indices;  // the shards to submit; empty: all of them
  QString partition, time, mem, account;
  QStringList extraOptions;  // further sbatch options, verbatim ("--qos=long")
  QStringList figures;       // formats the merge job renders
};

struct SlurmScripts {
  QString shardsPath, mergePath;  // DIR/slurm/shards.sbatch, DIR/slurm/merge.sbatch
  QString shardsText, mergeText;
};

SlurmScripts slurmScripts(const SlurmRequest& request);
Status writeSlurmScripts(const SlurmScripts& scripts);

// "0-6" for every shard, "1,4" for some: the --array value.
QString arraySpec(const std::vector<int>& indices, int shards);

// Arguments of the two sbatch calls; the merge job waits for the array to end, however it ended.
QStringList sbatchShardsArguments(const SlurmScripts& scripts);
QStringList sbatchMergeArguments(const SlurmScripts& scripts, const QString& arrayJobId);

// The job id from `sbatch --parsable` output ("123" or "123;cluster").
Status parseSbatchJobId(const QString& output, QString& jobId);

// sbatch on PATH, or an error saying SLURM is not installed.
Status findSbatch(QString& path);

// One line of `scontrol show job -o`: an array line covers one task or, while pending, a range.
struct SlurmJobState {
  QString jobId;
  std::vector<int> arrayTasks;  // empty for a job that is not an array
  QString state;                // PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...
  QString exitCode;             // "0:0"
  QString reason;
};
std::vector<SlurmJobState> parseScontrolJobs(const QString& text);
bool isFinalSlurmState(const QString& state);

}  // namespace miwb
