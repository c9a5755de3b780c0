// The window's side of cluster runs: following a run folder (File > Open results…), the shards'
// progress in the Jobs panel, and Send to SLURM from the Run panel.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

#include "experiment/experiment_panel.h"
#include "run/jobs_panel.h"
#include "window/log_panel.h"
#include "window/main_window.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/run_folder.h"
#include "miwb/host/cluster/slurm_job.h"
#include "views/plane_view.h"
#include "views/results_table_model.h"
#include "cluster/run_folder_follower.h"
#include "views/scaling_view.h"
#include "cluster/slurm_dialog.h"
#include "cluster/slurm_submitter.h"
#include "views/table_view.h"
#include "views/training_view.h"

namespace miwb::gui {

void MainWindow::stopFollowing() {
  delete follower_;
  follower_ = nullptr;
  shardJobs_.clear();
}

bool MainWindow::openResults(const QString& folder, int shardCount) {
  if (isRunning()) {
    log_->error("A run is going: its results fill the views. Cancel it before opening other results.");
    return false;
  }
  stopFollowing();
  follower_ = new RunFolderFollower(this);
  if (const Status s = follower_->follow(folder, shardCount); !s) {
    stopFollowing();
    log_->error(QString::fromStdString(s.message()));
    if (isVisible()) QMessageBox::warning(this, "Open results", QString::fromStdString(s.message()));
    return false;
  }
  const Json& doc = follower_->experiment();
  panel_->setExperiment(doc);
  lastRunFolder_ = folder;
  setWindowTitle(QDir(folder).dirName() + " (results) — MI Workbench");
  connect(follower_, &RunFolderFollower::rowsAdded, this, [this](const std::vector<ResultRow>& rows) { showFollowedRows(rows, false); });
  connect(follower_, &RunFolderFollower::rowsReplaced, this, [this](const std::vector<ResultRow>& rows) { showFollowedRows(rows, true); });
  connect(follower_, &RunFolderFollower::progressChanged, this, &MainWindow::updateShardJobs);
  showFollowedRows(follower_->rows(), true);
  updateShardJobs();
  const bool plane = doc.value("kind", std::string()) == "information-plane";
  views_->setCurrentWidget(plane ? static_cast<QWidget*>(plane_) : static_cast<QWidget*>(scaling_));
  log_->info(QStringLiteral("Following %1: %2 results so far; new journal lines appear as they are written.")
                 .arg(folder)
                 .arg(follower_->rows().size()));
  return true;
}

void MainWindow::showFollowedRows(const std::vector<ResultRow>& rows, bool replaceAll) {
  if (replaceAll) {
    QStringList labels;
    for (const Json& e : follower_->experiment().value("estimators", Json::array()))
      labels << QString::fromStdString(e.value("label", e.value("id", std::string())));
    plane_->reset(labels);
    scaling_->reset();
    table_->model()->clear();
    training_->reset();
  }
  plane_->addRows(rows);
  scaling_->addRows(rows);
  table_->model()->addRows(rows);
}

void MainWindow::updateShardJobs() {
  if (!follower_) return;
  const QString name = QString::fromStdString(follower_->experiment().value("name", std::string()));
  for (const ShardProgress& p : follower_->progress()) {
    QPointer<JobRow>& row = shardJobs_[p.shard.index];
    if (!row) {
      const QString title = p.shard.count > 1 ? QStringLiteral("%1: shard %2 of %3").arg(name).arg(p.shard.index).arg(p.shard.count)
                                              : name + ": " + QDir(follower_->folder()).dirName();
      row = jobs_->addJob(title);
      row->cancelButton()->hide();  // shards run elsewhere: scancel stops them
    }
    if (p.total > 0) row->setProgress(p.done, p.total);
    if (p.total > 0 && p.done == p.total)
      row->finish(p.failed ? QStringLiteral("%1 of %2 tasks failed").arg(p.failed).arg(p.total) : QStringLiteral("done"));
  }
}

void MainWindow::sendToSlurm() {
  if (isRunning()) return;
  Experiment experiment;
  if (!validExperiment(experiment)) return;
  SlurmRequest request;
  request.cli = QDir(QCoreApplication::applicationDirPath()).filePath("miwb-cli");
  request.workDir = QDir::currentPath();
  request.name = QString::fromStdString(experiment.name);
  request.shards = 4;
  // The folder is made on Submit; the preview shows where it will be.
  request.outDir = QDir(panel_->outputFolder()).absoluteFilePath("<new run folder>");
  request.experiment = QDir(request.outDir).filePath("slurm/experiment.json");
  QString sbatch;
  const Status found = findSbatch(sbatch);
  SlurmDialog dialog(request, found ? QString() : QString::fromStdString(found.message()), this);
  if (dialog.exec() != QDialog::Accepted) return;
  request = dialog.request();
  const QString folder = newRunFolder(experiment.name);
  if (folder.isEmpty()) return;
  request.outDir = QDir(folder).absolutePath();
  submitToSlurm(request);
}

bool MainWindow::submitToSlurm(const SlurmRequest& base) {
  SlurmRequest request = base;
  Experiment experiment;
  if (!validExperiment(experiment)) return false;
  QString sbatch;
  if (const Status s = findSbatch(sbatch); !s) {
    log_->error(QString::fromStdString(s.message()));
    return false;
  }
  request.experiment = QDir(request.outDir).filePath("slurm/experiment.json");
  const QByteArray text = QByteArray::fromStdString(experiment.toJson().dump(2) + "\n");
  QDir().mkpath(QDir(request.outDir).filePath("slurm"));
  for (const QString& path : {request.experiment, QDir(request.outDir).filePath(kExperimentFile)}) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
      log_->error("Cannot write " + path);
      return false;
    }
  }
  const SlurmScripts scripts = slurmScripts(request);
  if (const Status s = writeSlurmScripts(scripts); !s) {
    log_->error(QString::fromStdString(s.message()));
    return false;
  }
  auto* submitter = new SlurmSubmitter(sbatch, this);
  const QString folder = request.outDir;
  const int shards = request.shards;
  connect(submitter, &SlurmSubmitter::submitted, this, [this, submitter, folder, shards](const QString& array, const QString& merge) {
    submitter->deleteLater();
    log_->info(QStringLiteral("Submitted to SLURM: shards job %1 (%2 array tasks), merge job %3; following %4")
                   .arg(array)
                   .arg(shards)
                   .arg(merge, folder));
    statusBar()->showMessage("Submitted to SLURM: job " + array, 10000);
    openResults(folder, shards);
  });
  connect(submitter, &SlurmSubmitter::failed, this, [this, submitter](const QString& message) {
    submitter->deleteLater();
    log_->error("Send to SLURM failed: " + message);
    if (isVisible()) QMessageBox::warning(this, "Send to SLURM", message);
  });
  log_->info("Submitting " + scripts.shardsPath + " and " + scripts.mergePath + " with sbatch…");
  submitter->submit(scripts);
  return true;
}

}  // namespace miwb::gui
