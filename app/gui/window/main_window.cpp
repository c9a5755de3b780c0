#include "window/main_window.h"

#include <QApplication>
#include <QDesktopServices>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <fstream>

#include "views/benchmark_view.h"
#include "dialogs/calibration_dialog.h"
#include "window/documentation.h"
#include "window/examples.h"
#include "window/file_drop_filter.h"
#include "window/form_wheel_guard.h"
#include "experiment/experiment_panel.h"
#include "run/jobs_panel.h"
#include "window/log_panel.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/experiment/experiment_keys.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/results_journal.h"
#include "miwb/stores/activation_store_container.h"
#include "views/plane_view.h"
#include "dialogs/plugins_dialog.h"
#include "run/run_controller.h"
#include "views/scaling_view.h"
#include "views/table_view.h"
#include "views/training_view.h"

namespace miwb::gui {

namespace {
constexpr int kMaxRecent = 8;

QString folderName(QString name) {
  name.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
  name = name.left(60);
  while (name.endsWith('-') || name.endsWith('.')) name.chop(1);
  return name;
}
}  // namespace

MainWindow::MainWindow(const PluginRegistry& registry, QWidget* parent)
    : QMainWindow(parent), registry_(registry), panel_(new ExperimentPanel(registry)), views_(new QTabWidget),
      plane_(new PlaneView), scaling_(new ScalingView), benchmark_(new BenchmarkView), table_(new TableView), training_(new TrainingView),
      jobs_(new JobsPanel), log_(new LogPanel), controller_(new RunController(registry, this)),
      confirmQuit_([this] { return askToQuitDuringRun(); }) {
  connect(table_, &TableView::calibrateRequested, this, &MainWindow::calibrateSelected);
  setWindowTitle("MI Workbench");
  setAcceptDrops(true);
  views_->setObjectName("views");
  views_->addTab(plane_, "Information plane");
  views_->addTab(scaling_, "Scaling");
  views_->addTab(benchmark_, "Benchmark");
  views_->addTab(table_, "Table");
  views_->addTab(training_, "Training");
  runError_ = new QLabel;
  runError_->setObjectName("runError");
  runError_->setWordWrap(true);
  runError_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  runError_->setStyleSheet("background: #fde8e8; color: #8b0000; border: 1px solid #e0a0a0; padding: 6px;");
  runError_->hide();
  auto* central = new QWidget;
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(0, 0, 0, 0);
  centralLayout->addWidget(runError_);
  centralLayout->addWidget(views_, 1);
  setCentralWidget(central);

  auto* scroll = new QScrollArea;
  formScroll_ = scroll;
  scroll->setWidget(panel_);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // Narrow enough for 1280 x 800 (the views keep most of the width); the dock can be widened,
  // floated or hidden (View > Experiment).
  scroll->setMinimumWidth(300);
  new FormWheelGuard(scroll, this);
  new FileDropFilter(this, [this](const QString& path) { openPath(path); });
  auto* experimentSide = new QWidget;
  auto* sideLayout = new QVBoxLayout(experimentSide);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(scroll, 1);
  sideLayout->addWidget(panel_->runControls());
  auto* experimentDock = new QDockWidget("Experiment");
  experimentDock->setObjectName("experimentDock");
  experimentDock->setWidget(experimentSide);
  experimentDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                              QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::LeftDockWidgetArea, experimentDock);
  auto* jobsDock = new QDockWidget("Jobs");
  jobsDock->setObjectName("jobsDock");
  jobsDock->setWidget(jobs_);
  addDockWidget(Qt::BottomDockWidgetArea, jobsDock);
  auto* logDock = new QDockWidget("Log");
  logDock->setObjectName("logDock");
  logDock->setWidget(log_);
  addDockWidget(Qt::BottomDockWidgetArea, logDock);
  splitDockWidget(jobsDock, logDock, Qt::Horizontal);

  buildMenus();
  statusBar()->showMessage("Ready");

  connect(panel_, &ExperimentPanel::runRequested, this, &MainWindow::startRun);
  connect(panel_, &ExperimentPanel::changed, this, &MainWindow::updateModified);
  connect(panel_, &ExperimentPanel::cancelRequested, this, &MainWindow::cancelRun);
  for (FigureView* view : std::initializer_list<FigureView*>{plane_, scaling_, training_})
    connect(view, &FigureView::exported, this, [this](const QString& message) {
      log_->info(message);
      statusBar()->showMessage(message, 15000);
    });
  connect(panel_, &ExperimentPanel::slurmRequested, this, &MainWindow::sendToSlurm);
  connect(controller_, &RunController::results, this, [this](const std::vector<ResultRow>& rows) {
    clearViewsForRun();
    plane_->addRows(rows);
    scaling_->addRows(rows);
    benchmark_->addRows(rows);
    table_->model()->addRows(rows);
    for (const ResultRow& row : rows)
      if (!row.ok) log_->error(QString::fromStdString(row.task + ": " + row.message));
    if (firstPlaneRows_ && !plane_->data().empty() && views_->currentWidget() == training_) views_->setCurrentWidget(plane_);
    if (!plane_->data().empty()) firstPlaneRows_ = false;
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
    training_->addMetrics(points);
  });
  connect(controller_, &RunController::logged, log_, &LogPanel::info);
  connect(controller_, &RunController::finished, this, &MainWindow::runEnded);

  QSettings settings;
  panel_->setOutputFolder(settings.value("output/base", defaultOutputBase()).toString());
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  if (settings.value("window/geometry").isNull()) {
    resize(1500, 950);
    resizeDocks({experimentDock}, {400}, Qt::Horizontal);
  }

  const QString example = defaultExample();
  if (!example.isEmpty() && openExperiment(example))
    log_->info("Opened the example " + QFileInfo(example).fileName() + ": press Run to compute it.");
  int rejected = 0;
  for (const PluginRecord& record : registry_.records()) rejected += record.state == PluginState::Rejected;
  log_->info(QStringLiteral("%1 estimators and %2 datasets loaded from plugins.")
                 .arg(registry_.estimators().size())
                 .arg(registry_.datasets().size()));
  if (rejected) log_->error(QStringLiteral("%1 plugin files were rejected: see Help > Plugins for why.").arg(rejected));
}

MainWindow::~MainWindow() = default;

bool MainWindow::askToQuitDuringRun() {
  return QMessageBox::question(this, "Quit MI Workbench",
                               "A run is still going. Cancel it and quit?\nFinished tasks are kept in its results folder.",
                               QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
}

QString MainWindow::defaultOutputBase() const {
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/runs";
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu("&File");
  QMenu* examples = file->addMenu("Open &example");
  for (const QString& path : exampleFiles())
    examples->addAction(QFileInfo(path).completeBaseName(), this, [this, path] { openExperiment(path); });
  file->addAction("&Open experiment…", QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open experiment", QFileInfo(currentFile_).path(),
                                                      "Experiments (*.json)");
    if (!path.isEmpty()) openExperiment(path);
  });
  file->addAction("Open &activations…", this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open activations", QString(),
                                                      "Activation stores (*." + arrayContainerSuffixes().join(" *.") + ");;All files (*)");
    if (!path.isEmpty()) openActivations(path);
  });
  file->addAction("Open activations &folder…", this, [this] {
    const QString path = QFileDialog::getExistingDirectory(this, "Folder with x.npy, y.npy and act/");
    if (!path.isEmpty()) openActivations(path);
  });
  file->addAction("Open &results…", this, [this] {
    const QString path = QFileDialog::getExistingDirectory(this, "Run folder (with experiment.json and its journals)",
                                                           panel_->outputFolder());
    if (!path.isEmpty()) openResults(path);
  });
  recentMenu_ = file->addMenu("&Recent files");
  rebuildRecentMenu();
  file->addSeparator();
  file->addAction("&Save experiment", QKeySequence::Save, this, [this] {
    if (currentFile_.isEmpty() || currentFile_.startsWith(QFileInfo(defaultExample()).path()))
      saveAs();  // never overwrite a bundled example
    else
      saveExperiment(currentFile_);
  });
  file->addAction("Save experiment &as…", QKeySequence::SaveAs, this, &MainWindow::saveAs);
  file->addSeparator();
  // Ctrl+Q spelled out: QKeySequence::Quit is empty on platforms without that convention.
  QAction* quit = file->addAction("&Quit", QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close);
  quit->setShortcutContext(Qt::ApplicationShortcut);

  QMenu* run = menuBar()->addMenu("&Run");
  run->addAction("&Run", QKeySequence("Ctrl+R"), this, &MainWindow::startRun);
  run->addAction("&Cancel", QKeySequence("Ctrl+."), this, &MainWindow::cancelRun);
  run->addAction("Ca&librate selected result…", QKeySequence("Ctrl+L"), this, &MainWindow::calibrateSelected);
  run->addAction("Open &results folder", this, [this] {
    if (!lastRunFolder_.isEmpty()) log_->info("Results of the last run: " + lastRunFolder_);
  });

  QMenu* view = menuBar()->addMenu("&View");
  for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
  view->addSeparator();
  view->addAction("&Export current figure…", QKeySequence("Ctrl+E"), this, [this] {
    if (auto* figureView = qobject_cast<FigureView*>(views_->currentWidget())) figureView->exportWithDialog();
  });

  QMenu* help = menuBar()->addMenu("&Help");
  QMenu* docs = help->addMenu("&Documentation");
  const QString docsFolder = documentationFolder();
  for (const DocumentationPage& page : documentationPages())
    docs->addAction(page.title, this, [docsFolder, page] {
      QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(docsFolder).filePath(page.file)));
    });
  docs->setEnabled(!docsFolder.isEmpty());
  help->addAction("&Plugins…", this, [this] { PluginsDialog(registry_, this).exec(); });
  help->addAction("&About", this, [this] {
    QMessageBox::about(this, "MI Workbench",
                       "<b>MI Workbench</b><br>Mutual-information estimation: information planes and scaling "
                       "curves with plugin estimators.<br><br>Drop an activation file (.npz, .h5) on the window "
                       "to analyse it. Drag on a chart to zoom, double-click to reset.");
  });
}

void MainWindow::addRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value("recent").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue("recent", recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recent").toStringList();
  for (const QString& path : recent) recentMenu_->addAction(path, this, [this, path] { openPath(path); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::setCurrentFile(const QString& path) {
  currentFile_ = path;
  setDocumentTitle(path.isEmpty() ? QString("untitled") : QFileInfo(path).fileName());
}

void MainWindow::setDocumentTitle(const QString& name) {
  titleName_ = name;
  cleanDocument_ = panel_->experiment();
  updateModified();
}

void MainWindow::updateModified() {
  // Compared with the document as opened or saved, so that undoing an edit clears the marker.
  modified_ = panel_->experiment() != cleanDocument_;
  setWindowTitle(titleName_.isEmpty() ? QString("MI Workbench") : (modified_ ? "*" : "") + titleName_ + " — MI Workbench");
}

bool MainWindow::confirmDiscard() {
  const auto answer = QMessageBox::question(this, "Unsaved changes",
                                            "The experiment has unsaved changes. Save them before closing?",
                                            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Discard) return true;
  if (answer != QMessageBox::Save) return false;
  if (currentFile_.isEmpty() || currentFile_.startsWith(QFileInfo(defaultExample()).path()))
    saveAs();
  else
    saveExperiment(currentFile_);
  return !modified_;
}

bool MainWindow::openPath(const QString& path) {
  if (QFileInfo(QDir(path).filePath("experiment.json")).isFile()) return openResults(path);  // a run folder
  if (isArrayContainerPath(path)) {
    openActivations(path);
    return true;
  }
  return openExperiment(path);
}

bool MainWindow::openExperiment(const QString& path) {
  Json doc;
  Experiment parsed;
  Status s = readJsonFile(path.toStdString(), doc);
  if (s) s = Experiment::fromJson(doc, parsed).withContext(path.toStdString());
  if (!s) {
    log_->error(QString::fromStdString(s.message()));
    if (isVisible()) QMessageBox::warning(this, "Open experiment", QString::fromStdString(s.message()));
    return false;
  }
  for (const UnknownKey& key : unknownExperimentKeys(doc))
    log_->error(QStringLiteral("Warning: %1: %2").arg(path, QString::fromStdString(key.message())));
  panel_->setExperiment(doc);
  formScroll_->verticalScrollBar()->setValue(0);  // a new form starts at its top
  showEmptyViews();
  setCurrentFile(path);
  addRecent(path);
  views_->setCurrentWidget(parsed.kind == ExperimentKind::InformationPlane ? static_cast<QWidget*>(plane_)
                           : parsed.kind == ExperimentKind::Benchmark      ? static_cast<QWidget*>(benchmark_)
                                                                            : static_cast<QWidget*>(scaling_));
  log_->info("Opened " + path);
  return true;
}

void MainWindow::openActivations(const QString& path) {
  // Binning with the range taken from the data: the activation function is unknown here.
  const Json doc{{"schema", "miwb.experiment/1"},
                 {"name", QFileInfo(path).completeBaseName().toStdString()},
                 {"kind", "information-plane"},
                 {"seed", 1},
                 {"dataset", {{"id", "activations"}, {"params", {{"path", path.toStdString()}}}}},
                 {"estimators", Json::array({Json{{"id", "binning"}, {"params", {{"bins", 30}}}, {"label", "binning 30"}}})},
                 {"grid", {{"layers", "all"}, {"epochs", "all"}, {"samples", "all"}}}};
  panel_->setExperiment(doc);
  formScroll_->verticalScrollBar()->setValue(0);
  showEmptyViews();
  setCurrentFile({});
  addRecent(path);
  views_->setCurrentWidget(plane_);
  log_->info("Set up an information-plane experiment on " + path + " (binning, 30 bins); the store's summary, or "
             "what is wrong with it, shows under the dataset.");
}

bool MainWindow::saveExperiment(const QString& path) {
  std::ofstream out(path.toStdString());
  out << panel_->experiment().dump(2) << "\n";
  if (!out) {
    log_->error("Cannot write " + path);
    QMessageBox::warning(this, "Save experiment", "Cannot write '" + path + "'.");
    return false;
  }
  setCurrentFile(path);
  addRecent(path);
  log_->info("Saved " + path);
  return true;
}

void MainWindow::saveAs() {
  QString path = QFileDialog::getSaveFileName(this, "Save experiment", QSettings().value("save/folder").toString(),
                                              "Experiments (*.json)");
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += ".json";
  QSettings().setValue("save/folder", QFileInfo(path).path());
  saveExperiment(path);
}

void MainWindow::showEmptyViews() {
  // Empty panels with their axes, one per estimator, show where the results will appear.
  if (isRunning()) return;
  const Json experiment = panel_->experiment();  // a range-for over a temporary's member would dangle
  QStringList labels;
  for (const Json& e : experiment["estimators"])
    labels << QString::fromStdString(e.value("label", e.value("id", std::string())));
  plane_->reset(labels);
  scaling_->reset();
  Experiment benchmark;  // an empty heatmap grid of the tasks, when the experiment resolves
  if (!Experiment::fromJson(experiment, benchmark) || !benchmark.resolve(registry_)) benchmark = Experiment();
  benchmark_->setExperiment(benchmark);
}

void MainWindow::calibrateSelected() {
  QString why;
  CalibrationDialog* dialog = CalibrationDialog::openFor(registry_, panel_->experiment(), table_->selectedRow(), this, why);
  if (!dialog) {
    log_->error("Cannot calibrate: " + why);
    views_->setCurrentWidget(table_);
    return;
  }
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
}

bool MainWindow::isRunning() const { return controller_->running(); }

bool MainWindow::validExperiment(Experiment& experiment) {
  if (const QString why = panel_->problem(); !why.isEmpty()) {
    log_->error("Cannot run: " + why);
    return false;
  }
  Status s = Experiment::fromJson(panel_->experiment(), experiment);
  if (s) s = experiment.resolve(registry_);
  if (!s) log_->error("Cannot run: " + QString::fromStdString(s.message()));
  return s.isOk();
}

QString MainWindow::newRunFolder(const std::string& experimentName) {
  // Each run gets its own folder, so runs never mix their journals; an interrupted run of the same
  // experiment is continued in its folder (finished tasks and recorded training epochs are kept).
  QString folder = interruptedRunFolder();
  if (!folder.isEmpty())
    log_->info("Continuing the interrupted run of this experiment in " + folder);
  else
    folder = QDir(panel_->outputFolder())
                 .filePath(QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz") + "-" +
                           folderName(QString::fromStdString(experimentName)));
  if (!QDir().mkpath(folder)) {
    log_->error("Cannot create the results folder " + folder);
    return {};
  }
  QSettings().setValue("output/base", panel_->outputFolder());
  lastRunFolder_ = folder;
  return folder;
}

bool MainWindow::startRun() {
  if (isRunning()) return false;
  Experiment experiment;
  if (!validExperiment(experiment)) return false;
  runDocument_ = panel_->experiment().dump();
  const QString folder = newRunFolder(experiment.name);
  if (folder.isEmpty()) return false;
  // A continued run skips the tasks its journal holds: the views show those too, not only the new.
  resumedRows_.clear();
  if (QFileInfo::exists(folder + "/results.jsonl")) ResultsJournal::read(folder + "/results.jsonl", resumedRows_);
  stopFollowing();
  rememberInterruptedRun(true);  // until it ends well: a window closed or killed mid-run can continue it

  runLabels_.clear();
  for (const EstimatorSpec& e : experiment.estimators) runLabels_ << QString::fromStdString(e.label);
  runExperiment_ = experiment;
  viewsCleared_ = false;
  runError_->hide();
  if (experiment.kind == ExperimentKind::InformationPlane)
    views_->setCurrentWidget(experiment.datasetId == "mlp-training" ? static_cast<QWidget*>(training_)
                                                                     : static_cast<QWidget*>(plane_));
  else if (experiment.kind == ExperimentKind::Benchmark)
    views_->setCurrentWidget(benchmark_);
  else
    views_->setCurrentWidget(scaling_);

  job_ = jobs_->addJob(QString::fromStdString(experiment.name));
  connect(job_, &JobRow::cancelRequested, this, &MainWindow::cancelRun);
  controller_->start(experiment, folder, panel_->threads());
  panel_->setRunning(true);
  statusBar()->showMessage("Running " + QString::fromStdString(experiment.name) + "…");
  log_->info("Running " + QString::fromStdString(experiment.name) + " into " + folder);
  return true;
}

void MainWindow::clearViewsForRun() {
  if (viewsCleared_) return;
  viewsCleared_ = true;
  plane_->reset(runLabels_);
  scaling_->reset();
  benchmark_->setExperiment(runExperiment_);
  table_->model()->clear();
  training_->reset();
  firstPlaneRows_ = true;
  if (!resumedRows_.empty()) {
    plane_->addRows(resumedRows_);
    scaling_->addRows(resumedRows_);
    benchmark_->addRows(resumedRows_);
    table_->model()->addRows(resumedRows_);
    resumedRows_.clear();
  }
}

namespace {
constexpr const char* kInterruptedFolder = "run/interrupted/folder";
constexpr const char* kInterruptedExperiment = "run/interrupted/experiment";
}  // namespace

void MainWindow::rememberInterruptedRun(bool interrupted) {
  QSettings settings;
  if (interrupted) {
    settings.setValue(kInterruptedFolder, lastRunFolder_);
    settings.setValue(kInterruptedExperiment, QString::fromStdString(runDocument_));
  } else if (settings.value(kInterruptedFolder).toString() == lastRunFolder_) {
    settings.remove(kInterruptedFolder);
    settings.remove(kInterruptedExperiment);
  }
}

QString MainWindow::interruptedRunFolder() const {
  const QSettings settings;
  const QString folder = settings.value(kInterruptedFolder).toString();
  if (folder.isEmpty() || !QFileInfo(folder).isDir()) return {};
  if (settings.value(kInterruptedExperiment).toString().toStdString() != runDocument_) return {};
  // Continued only where it was to be written: another results folder means a fresh run.
  if (QFileInfo(QFileInfo(folder).path()).canonicalFilePath() != QFileInfo(panel_->outputFolder()).canonicalFilePath())
    return {};
  return folder;
}

void MainWindow::cancelRun() {
  if (!isRunning()) return;
  controller_->cancel();
  log_->info("Cancelling: tasks in flight finish, the journal keeps every finished task.");
}

void MainWindow::runEnded(const RunSummary& summary, bool cancelled, const QString& error) {
  panel_->setRunning(false);
  QString outcome;
  if (error.isEmpty() && cancelled && summary.total == 0) {
    outcome = "cancelled";
    log_->info("Run cancelled before its tasks were planned (while preparing the data): nothing was estimated.");
  } else if (!error.isEmpty()) {
    outcome = "failed";
    log_->error("Run failed: " + error);
    runError_->setText("<b>The run failed:</b> " + error.toHtmlEscaped() +
                       (viewsCleared_ ? QString() : "<br>The views still show the last results."));
    runError_->show();
  } else {
    outcome = cancelled ? "cancelled" : "done";
    log_->info(QStringLiteral("Run %1: %2 tasks, %3 ran, %4 failed, %5 already done. Results in %6")
                   .arg(outcome)
                   .arg(summary.total)
                   .arg(summary.succeeded)
                   .arg(summary.failed)
                   .arg(summary.skipped)
                   .arg(lastRunFolder_));
  }
  rememberInterruptedRun(!error.isEmpty() || cancelled);
  if (job_) job_->finish(outcome);
  statusBar()->showMessage("Run " + outcome, 10000);
  Q_EMIT runFinished(cancelled);
  if (closeAfterRun_) close();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (isRunning()) {
    event->ignore();
    if (closeAfterRun_) return;  // already cancelling; the window closes when the run has stopped
    if (!confirmQuit_()) return;
    closeAfterRun_ = true;
    cancelRun();
    return;
  }
  // After "cancel the run and quit" the user has answered already.
  if (modified_ && !closeAfterRun_ && !confirmDiscard()) {
    event->ignore();
    return;
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) {
      openPath(url.toLocalFile());
      event->acceptProposedAction();
      return;
    }
}

}  // namespace miwb::gui
