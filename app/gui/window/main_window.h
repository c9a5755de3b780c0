#pragma once
// The main window of MI Workbench: the experiment panel on the left, the views in the middle
// (Information plane, Scaling, Table, Training), jobs and log below. Runs go through RunController
// on a worker thread; the views fill in as results arrive.
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <map>

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
class ExperimentPanel;
class JobRow;
class JobsPanel;
class LogPanel;
class PlaneView;
class RunController;
class RunFolderFollower;
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
  RunFolderFollower* follower() const { return follower_; }
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
  RunController* controller() const { return controller_; }
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
  // A run's views are cleared when its first results (or training metrics) arrive, not when it
  // starts: a run that fails before producing anything leaves the last good views alone.
  void clearViewsForRun();
  void rememberInterruptedRun(bool interrupted);
  QString interruptedRunFolder() const;
  bool validExperiment(Experiment& out);
  QString newRunFolder(const std::string& experimentName);
  void stopFollowing();
  void showFollowedRows(const std::vector<ResultRow>& rows, bool replaceAll);
  void updateShardJobs();

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
  RunController* controller_;
  QMenu* recentMenu_ = nullptr;
  QScrollArea* formScroll_ = nullptr;
  QLabel* runError_ = nullptr;
  QStringList runLabels_;
  Experiment runExperiment_;  // the run going on, for the views it resets on its first results
  bool viewsCleared_ = true;
  std::string runDocument_;  // the experiment of the run going on, as the panel described it
  std::vector<ResultRow> resumedRows_;  // a continued run's journal, shown with its first new results
  QPointer<JobRow> job_;
  RunFolderFollower* follower_ = nullptr;
  std::map<int, QPointer<JobRow>> shardJobs_;
  QString currentFile_;
  QString titleName_;  // empty until something is opened
  Json cleanDocument_;
  bool modified_ = false;
  QString lastRunFolder_;
  bool closeAfterRun_ = false;
  bool firstPlaneRows_ = true;
  std::function<bool()> confirmQuit_;
};

}  // namespace miwb::gui
