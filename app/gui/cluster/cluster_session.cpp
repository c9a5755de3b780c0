#include "cluster/cluster_session.h"

#include <QDir>
#include <QFile>
#include <QPushButton>

#include "cluster/run_folder_follower.h"
#include "cluster/slurm_submitter.h"
#include "miwb/host/run/run_folder.h"
#include "run/jobs_panel.h"
#include "views/results_router.h"
#include "window/log_panel.h"

namespace miwb::gui {

ClusterSession::ClusterSession(const PluginRegistry& registry, ResultsRouter& router, JobsPanel& jobs, LogPanel& log,
                               QObject* parent)
    : QObject(parent), registry_(registry), router_(router), jobs_(jobs), log_(log) {}

void ClusterSession::stop() {
  delete follower_;
  follower_ = nullptr;
  shardJobs_.clear();
}

Status ClusterSession::follow(const QString& folder, int shardCount, Json& experiment) {
  stop();
  follower_ = new RunFolderFollower(this);
  if (Status s = follower_->follow(folder, shardCount); !s) {
    stop();
    return s;
  }
  experiment = follower_->experiment();
  // The folder's experiment.json is resolved; resolving it again here gives the benchmark its tasks.
  Experiment e;
  if (Experiment::fromJson(experiment, e) && !e.resolve(registry_)) {
    // A plugin it names is not loaded here: the rows still show, without the benchmark's task grid.
    e = Experiment();
    (void)Experiment::fromJson(experiment, e);
  }
  connect(follower_, &RunFolderFollower::rowsAdded, this, [this](const std::vector<ResultRow>& rows) { router_.addRows(rows); });
  // A task shown already got a new row (a failed task rerun, a merge): every row again.
  connect(follower_, &RunFolderFollower::rowsReplaced, this, [this, e](const std::vector<ResultRow>& rows) { router_.showAll(e, rows); });
  connect(follower_, &RunFolderFollower::progressChanged, this, &ClusterSession::updateShardJobs);
  router_.showAll(e, follower_->rows());
  router_.showViewFor(e);
  updateShardJobs();
  return Status::ok();
}

void ClusterSession::updateShardJobs() {
  if (!follower_) return;
  const QString name = QString::fromStdString(follower_->experiment().value("name", std::string()));
  for (const ShardProgress& p : follower_->progress()) {
    QPointer<JobRow>& row = shardJobs_[p.shard.index];
    if (!row) {
      const QString title = p.shard.count > 1 ? QStringLiteral("%1: shard %2 of %3").arg(name).arg(p.shard.index).arg(p.shard.count)
                                              : name + ": " + QDir(follower_->folder()).dirName();
      row = jobs_.addJob(title);
      row->cancelButton()->hide();  // shards run elsewhere: scancel stops them
    }
    if (p.total > 0) row->setProgress(p.done, p.total);
    if (p.total > 0 && p.done == p.total)
      row->finish(p.failed ? QStringLiteral("%1 of %2 tasks failed").arg(p.failed).arg(p.total) : QStringLiteral("done"));
  }
}

bool ClusterSession::submit(const Experiment& experiment, const SlurmRequest& base) {
  SlurmRequest request = base;
  QString sbatch;
  if (const Status s = findSbatch(sbatch); !s) {
    log_.error(QString::fromStdString(s.message()));
    return false;
  }
  request.experiment = QDir(request.outDir).filePath("slurm/experiment.json");
  const QByteArray text = QByteArray::fromStdString(experiment.toJson().dump(2) + "\n");
  QDir().mkpath(QDir(request.outDir).filePath("slurm"));
  for (const QString& path : {request.experiment, QDir(request.outDir).filePath(kExperimentFile)}) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
      log_.error("Cannot write " + path);
      return false;
    }
  }
  const SlurmScripts scripts = slurmScripts(request);
  if (const Status s = writeSlurmScripts(scripts); !s) {
    log_.error(QString::fromStdString(s.message()));
    return false;
  }
  auto* submitter = new SlurmSubmitter(sbatch, this);
  const QString folder = request.outDir;
  const int shards = request.shards;
  connect(submitter, &SlurmSubmitter::submitted, this,
          [this, submitter, folder, shards](const QString& array, const QString& merge) {
            submitter->deleteLater();
            log_.info(QStringLiteral("Submitted to SLURM: shards job %1 (%2 array tasks), merge job %3; following %4")
                          .arg(array)
                          .arg(shards)
                          .arg(merge, folder));
            Q_EMIT submitted(folder, shards, array);
          });
  connect(submitter, &SlurmSubmitter::failed, this, [this, submitter](const QString& message) {
    submitter->deleteLater();
    log_.error("Send to SLURM failed: " + message);
    Q_EMIT submitFailed(message);
  });
  log_.info("Submitting " + scripts.shardsPath + " and " + scripts.mergePath + " with sbatch…");
  submitter->submit(scripts);
  return true;
}

}  // namespace miwb::gui
