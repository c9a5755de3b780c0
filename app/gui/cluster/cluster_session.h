#pragma once
// The window's cluster side: following a run folder (File > Open results, or the folder SLURM
// shards write) with its shards' progress in the Jobs panel, and sending an experiment to SLURM.
// Rows reach the views through the ResultsRouter, the same path as a local run's.
#include <QObject>
#include <QPointer>
#include <map>

#include "miwb/host/cluster/slurm_job.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/status.h"

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class JobRow;
class JobsPanel;
class LogPanel;
class ResultsRouter;
class RunFolderFollower;

class ClusterSession : public QObject {
  Q_OBJECT
 public:
  ClusterSession(const PluginRegistry& registry, ResultsRouter& router, JobsPanel& jobs, LogPanel& log,
                 QObject* parent = nullptr);

  // Reads `folder`, shows all its rows and keeps following it; `shardCount` is the K it was
  // submitted with, when known. On success `experiment` is the folder's experiment as written there.
  Status follow(const QString& folder, int shardCount, Json& experiment);
  void stop();
  RunFolderFollower* follower() const { return follower_; }
  // Writes `experiment` and the job scripts into `request.outDir`, then submits them with sbatch;
  // `submitted` tells when the jobs are queued. Returns false (logged) when it cannot start.
  bool submit(const Experiment& experiment, const SlurmRequest& request);

 Q_SIGNALS:
  void submitted(const QString& folder, int shards, const QString& arrayJob);
  void submitFailed(const QString& message);

 private:
  void updateShardJobs();

  const PluginRegistry& registry_;
  ResultsRouter& router_;
  JobsPanel& jobs_;
  LogPanel& log_;
  RunFolderFollower* follower_ = nullptr;
  std::map<int, QPointer<JobRow>> shardJobs_;
};

}  // namespace miwb::gui
