#pragma once
// The main window of MI Workbench: the experiment panel on the left, the views in the middle
// (Information plane, Scaling, Benchmark, Table, Training), jobs and log below. The window keeps
// the layout, the menus and the wiring: a run's lifecycle is RunSession's, following run folders
// and SLURM is ClusterSession's, and every result reaches the views through one ResultsRouter.
#include <QMainWindow>
#include <functional>

#include "miwb/host/experiment/experiment.h"
#include "miwb/params.h"

class QLabel;
class QMenu;
class QScrollArea;
class QTabWidget;

namespace miwb {
struct Experiment;
class PluginRegistry;
struct ResultRow;
struct RunSummary;
struct SlurmRequest;
}

namespace miwb::gui {

class BenchmarkView;
class ClusterSession;
class ExperimentPanel;
class JobsPanel;
class LogPanel;
class PlaneView;
class RunController;
class ResultsRouter;
class RunFolderFollower;
class RunSession;
class ScalingView;
class TableView;
class TrainingView;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const PluginRegistry& registry, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens an experiment file, or an activation store (.npz, .h5, .hdf5 or a folder) as a new
  // information-plane experiment on it. Errors go to a message box and the log; returns success.
  bool openPath(const QString& path);
  bool openExperiment(const QString& path);
  void openActivations(const QString& path);
  bool saveExperiment(const QString& path);
  bool startRun();
  void cancelRun();
  // Shows a run folder (finished, or still being written by a run or by cluster shards) in the
  // views and keeps following it; `shardCount` is the K it was submitted with, when known.
  bool openResults(const QString& folder, int shardCount = 0);
  // Send to SLURM: the dialog with the scripts, then sbatch; the window then follows the folder.
  void sendToSlurm();
  bool submitToSlurm(const SlurmRequest& request);
  RunFolderFollower* follower() const;
  // Calibrates the Table view's selected row (an estimate or a plane point's coordinate).
  void calibrateSelected();
  bool isRunning() const;

  ExperimentPanel* experimentPanel() const { return panel_; }
  PlaneView* planeView() const { return plane_; }
  ScalingView* scalingView() const { return scaling_; }
  BenchmarkView* benchmarkView() const { return benchmark_; }
  TableView* tableView() const { return table_; }
  TrainingView* trainingView() const { return training_; }
  JobsPanel* jobsPanel() const { return jobs_; }
  LogPanel* logPanel() const { return log_; }
  QTabWidget* views() const { return views_; }
  RunController* controller() const;
  ResultsRouter* resultsRouter() const { return router_; }
  QString lastRunFolder() const { return lastRunFolder_; }
  // The error of the last failed run, shown above the views until the next run (hidden otherwise).
  QLabel* runErrorBanner() const { return runError_; }
  QScrollArea* formScroll() const { return formScroll_; }
  // How closing during a run asks the user (a message box); tests answer without a dialog.
  void setQuitConfirmation(std::function<bool()> ask) { confirmQuit_ = std::move(ask); }

 Q_SIGNALS:
  void runFinished(bool cancelled);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void runEnded(const RunSummary& summary, bool cancelled, const QString& error);
  void setCurrentFile(const QString& path);
  // The title's name for what the panel shows; the document as it is now counts as saved.
  void setDocumentTitle(const QString& name);
  // `*` in the title while the form differs from the document as opened or saved.
  void updateModified();
  // Save, Discard or Cancel before closing unsaved changes; true when the window may close.
  bool confirmDiscard();
  void saveAs();
  QString defaultOutputBase() const;
  bool askToQuitDuringRun();
  void showEmptyViews();
  bool validExperiment(Experiment& out);

  const PluginRegistry& registry_;
  ExperimentPanel* panel_;
  QTabWidget* views_;
  PlaneView* plane_;
  ScalingView* scaling_;
  BenchmarkView* benchmark_;
  TableView* table_;
  TrainingView* training_;
  JobsPanel* jobs_;
  LogPanel* log_;
  ResultsRouter* router_ = nullptr;
  RunSession* run_ = nullptr;
  ClusterSession* cluster_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QScrollArea* formScroll_ = nullptr;
  QLabel* runError_ = nullptr;
  QString currentFile_;
  QString titleName_;  // empty until something is opened
  Json cleanDocument_;
  bool modified_ = false;
  QString lastRunFolder_;
  bool closeAfterRun_ = false;
  std::function<bool()> confirmQuit_;
};

}  // namespace miwb::gui
