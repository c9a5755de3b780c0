#include "run/run_session.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include "miwb/host/run/run_folder.h"
#include "run/jobs_panel.h"
#include "run/run_controller.h"
#include "views/results_router.h"
#include "window/log_panel.h"

namespace miwb::gui {

namespace {

constexpr const char* kInterruptedFolder = "run/interrupted/folder";
constexpr const char* kInterruptedExperiment = "run/interrupted/experiment";

QString folderName(QString name) {
  name.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
  name = name.left(60);
  while (name.endsWith('-') || name.endsWith('.')) name.chop(1);
  return name;
}

}  // namespace

RunSession::RunSession(const PluginRegistry& registry, ResultsRouter& router, JobsPanel& jobs, LogPanel& log,
                       QObject* parent)
    : QObject(parent), router_(router), jobs_(jobs), log_(log), controller_(new RunController(registry, this)) {
  connect(controller_, &RunController::results, this, [this](const std::vector<ResultRow>& rows) {
    clearViewsForRun();
    router_.addRows(rows);
    for (const ResultRow& row : rows)
      if (!row.ok) log_.error(QString::fromStdString(row.task + ": " + row.message));
    router_.revealPlaneOverTraining();
  });
  connect(controller_, &RunController::progress, this, [this](int done, int total) {
    clearViewsForRun();  // the dataset is open: this run's results are coming
    if (job_) job_->setProgress(done, total);
  });
  connect(controller_, &RunController::preparing, this, [this](const QString& stage, double fraction) {
    if (job_) job_->setStage(stage, fraction);
  });
  connect(controller_, &RunController::metrics, this, [this](const std::vector<MetricPoint>& points) {
    clearViewsForRun();
    router_.addMetrics(points);
  });
  connect(controller_, &RunController::logged, &log_, &LogPanel::info);
  connect(controller_, &RunController::finished, this, &RunSession::ended);
}

bool RunSession::running() const { return controller_->running(); }

QString RunSession::runFolder(const std::string& name, const std::string& document, const QString& outputBase) {
  // Each run gets its own folder, so runs never mix their journals; an interrupted run of the same
  // experiment is continued in its folder (finished tasks and recorded training epochs are kept).
  QString folder = interruptedFolder(document, outputBase);
  if (!folder.isEmpty())
    log_.info("Continuing the interrupted run of this experiment in " + folder);
  else
    folder = QDir(outputBase).filePath(QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz") + "-" +
                                       folderName(QString::fromStdString(name)));
  if (!QDir().mkpath(folder)) {
    log_.error("Cannot create the results folder " + folder);
    return {};
  }
  QSettings().setValue("output/base", outputBase);
  folder_ = folder;
  return folder;
}

bool RunSession::start(const Experiment& experiment, const std::string& document, const QString& outputBase,
                       int threads) {
  if (running()) return false;
  document_ = document;
  const QString folder = runFolder(experiment.name, document, outputBase);
  if (folder.isEmpty()) return false;
  rememberInterrupted(true);  // until it ends well: a window closed or killed mid-run can continue it
  experiment_ = experiment;
  // Empty in a new folder; a journal that cannot be read here is the runner's to report.
  if (!journaledRows(folder, earlierRows_)) earlierRows_.clear();
  viewsCleared_ = false;
  job_ = jobs_.addJob(QString::fromStdString(experiment.name));
  connect(job_, &JobRow::cancelRequested, this, &RunSession::cancel);
  controller_->start(experiment, folder, threads);
  return true;
}

void RunSession::clearViewsForRun() {
  if (viewsCleared_) return;
  viewsCleared_ = true;
  router_.showAll(experiment_, earlierRows_);
  earlierRows_.clear();
}

void RunSession::cancel() {
  if (!running()) return;
  controller_->cancel();
  log_.info("Cancelling: tasks in flight finish, the journal keeps every finished task.");
}

void RunSession::ended(const RunSummary& summary, bool cancelled, const QString& error) {
  rememberInterrupted(!error.isEmpty() || cancelled);
  if (job_) job_->finish(!error.isEmpty() ? "failed" : cancelled ? "cancelled" : "done");
  Q_EMIT finished(summary, cancelled, error);
}

void RunSession::rememberInterrupted(bool interrupted) {
  QSettings settings;
  if (interrupted) {
    settings.setValue(kInterruptedFolder, folder_);
    settings.setValue(kInterruptedExperiment, QString::fromStdString(document_));
  } else if (settings.value(kInterruptedFolder).toString() == folder_) {
    settings.remove(kInterruptedFolder);
    settings.remove(kInterruptedExperiment);
  }
}

QString RunSession::interruptedFolder(const std::string& document, const QString& outputBase) const {
  const QSettings settings;
  const QString folder = settings.value(kInterruptedFolder).toString();
  if (folder.isEmpty() || !QFileInfo(folder).isDir()) return {};
  if (settings.value(kInterruptedExperiment).toString().toStdString() != document) return {};
  // Continued only where it was to be written: another results folder means a fresh run.
  if (QFileInfo(QFileInfo(folder).path()).canonicalFilePath() != QFileInfo(outputBase).canonicalFilePath()) return {};
  return folder;
}

}  // namespace miwb::gui
