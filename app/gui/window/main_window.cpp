#include "window/main_window.h"

#include <QApplication>
#include <QDesktopServices>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QScrollBar>
#include <QGuiApplication>
#include <QScreen>
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
#include "miwb/stores/activation_store_container.h"
#include "views/plane_view.h"
#include "dialogs/plugins_dialog.h"
#include "run/run_controller.h"
#include "run/run_session.h"
#include "cluster/cluster_session.h"
#include "cluster/run_folder_follower.h"
#include "cluster/slurm_dialog.h"
#include "views/results_router.h"
#include "views/scaling_view.h"
#include "views/table_view.h"
#include "views/training_view.h"

namespace miwb::gui {

namespace {
constexpr int kMaxRecent = 8;

}  // namespace

MainWindow::MainWindow(const PluginRegistry& registry, QWidget* parent)
    : QMainWindow(parent), registry_(registry), panel_(new ExperimentPanel(registry)), views_(new QTabWidget),
      plane_(new PlaneView), scaling_(new ScalingView), benchmark_(new BenchmarkView), table_(new TableView), training_(new TrainingView),
      jobs_(new JobsPanel), log_(new LogPanel), confirmQuit_([this] { return askToQuitDuringRun(); }) {
  connect(table_, &TableView::calibrateRequested, this, &MainWindow::calibrateSelected);
  setWindowTitle("MI Workbench");
  setAcceptDrops(true);
  views_->setObjectName("views");
  views_->addTab(plane_, "Information plane");
  views_->addTab(scaling_, "Scaling");
  views_->addTab(benchmark_, "Benchmark");
  views_->addTab(table_, "Table");
  views_->addTab(training_, "Training");
  router_ = new ResultsRouter({views_, plane_, scaling_, benchmark_, table_, training_}, this);
  run_ = new RunSession(registry, *router_, *jobs_, *log_, this);
  cluster_ = new ClusterSession(registry, *router_, *jobs_, *log_, this);
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
  connect(run_, &RunSession::finished, this, &MainWindow::runEnded);
  connect(cluster_, &ClusterSession::submitted, this, [this](const QString& folder, int shards, const QString& array) {
    statusBar()->showMessage("Submitted to SLURM: job " + array, 10000);
    openResults(folder, shards);
  });
  connect(cluster_, &ClusterSession::submitFailed, this, [this](const QString& message) {
    if (isVisible()) QMessageBox::warning(this, "Send to SLURM", message);
  });

  QSettings settings;
  panel_->setOutputFolder(settings.value("output/base", defaultOutputBase()).toString());
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  if (settings.value("window/geometry").isNull()) {
    // First start: as large as suits the plots, but never larger than the screen (1280 x 800 laptops).
    const QScreen* screen = QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() : QSize(1500, 950);
    resize(std::min(1500, room.width()), std::min(950, room.height()));
    resizeDocks({experimentDock}, {std::min(400, width() / 3)}, Qt::Horizontal);
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
  router_->showViewFor(parsed);
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
  Experiment experiment;  // resolved where it can be: the benchmark's heatmap needs its tasks
  if (Experiment::fromJson(panel_->experiment(), experiment)) {
    Experiment resolved = experiment;
    if (resolved.resolve(registry_)) experiment = resolved;
  }
  router_->reset(experiment);
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

bool MainWindow::isRunning() const { return run_->running(); }
RunController* MainWindow::controller() const { return run_->controller(); }
RunFolderFollower* MainWindow::follower() const { return cluster_->follower(); }

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

bool MainWindow::startRun() {
  if (isRunning()) return false;
  Experiment experiment;
  if (!validExperiment(experiment)) return false;
  cluster_->stop();
  if (!run_->start(experiment, panel_->experiment().dump(), panel_->outputFolder(), panel_->threads())) return false;
  lastRunFolder_ = run_->folder();
  runError_->hide();
  router_->showViewFor(experiment);
  panel_->setRunning(true);
  statusBar()->showMessage("Running " + QString::fromStdString(experiment.name) + "…");
  log_->info("Running " + QString::fromStdString(experiment.name) + " into " + lastRunFolder_);
  return true;
}

void MainWindow::cancelRun() { run_->cancel(); }

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
                       (run_->viewsCleared() ? QString() : "<br>The views still show the last results."));
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

bool MainWindow::openResults(const QString& folder, int shardCount) {
  if (isRunning()) {
    log_->error("A run is going: its results fill the views. Cancel it before opening other results.");
    return false;
  }
  Json doc;
  if (const Status s = cluster_->follow(folder, shardCount, doc); !s) {
    log_->error(QString::fromStdString(s.message()));
    if (isVisible()) QMessageBox::warning(this, "Open results", QString::fromStdString(s.message()));
    return false;
  }
  panel_->setExperiment(doc);
  lastRunFolder_ = folder;
  setDocumentTitle(QDir(folder).dirName() + " (results)");
  // A trained plane's folder holds its plane, not the training curves (which are not journaled):
  // show the plane rather than an empty Training tab.
  router_->revealPlaneOverTraining();
  log_->info(QStringLiteral("Following %1: %2 results so far; new journal lines appear as they are written.")
                 .arg(folder)
                 .arg(follower()->rows().size()));
  return true;
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
  const QString folder = run_->runFolder(experiment.name, panel_->experiment().dump(), panel_->outputFolder());
  if (folder.isEmpty()) return;
  lastRunFolder_ = folder;
  request.outDir = QDir(folder).absolutePath();
  submitToSlurm(request);
}

bool MainWindow::submitToSlurm(const SlurmRequest& request) {
  Experiment experiment;
  return validExperiment(experiment) && cluster_->submit(experiment, request);
}

}  // namespace miwb::gui
