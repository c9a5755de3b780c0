#pragma once
// The experiment panel: what to run (kind, dataset and its parameters, estimators, grid), where the
// results go, and Run / Cancel. It reads and writes the experiment JSON document, and checks it with
// the core's own Experiment parsing and resolving, so the GUI accepts what the CLI accepts. Run is
// disabled while something is invalid, and the reason is shown under it.
#include <QWidget>
#include <vector>

#include "miwb/host/experiment/quantity.h"
#include "miwb/params.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QVBoxLayout;

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class EstimatorEditor;
class ParamForm;
class RunCostLabel;
class StoreCheck;

class ExperimentPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentPanel(const PluginRegistry& registry, QWidget* parent = nullptr);

  void setExperiment(const Json& doc);
  Json experiment() const;     // the document the form describes
  QString problem() const;     // why it cannot run, or empty
  int threads() const;         // 0: all cores
  QString outputFolder() const;
  void setOutputFolder(const QString& folder);
  void setRunning(bool running);

  // Run / Cancel, the thread count, the results folder and the reason Run is disabled: kept in
  // view below the (scrolling) panel by the window.
  QWidget* runControls() const { return runBox_; }
  QPushButton* runButton() const { return run_; }
  QPushButton* cancelButton() const { return cancel_; }
  // The task count and estimated time, next to Run.
  QLabel* runCost() const;
  // The summary of the chosen activation store (or what is wrong with it), under the dataset.
  QLabel* storeSummary() const { return storeInfo_; }
  const StoreCheck* storeCheck() const { return storeCheck_; }
  const std::vector<EstimatorEditor*>& estimatorEditors() const { return estimators_; }
  QPushButton* slurmButton() const { return slurm_; }

 Q_SIGNALS:
  void changed();
  void runRequested();
  void cancelRequested();
  void slurmRequested();

 private:
  void rebuildDatasets();
  void rebuildDatasetForm();
  void showGridRows();
  void pickTasks();
  EstimatorEditor* addEstimator();
  void updateState();
  QString kindId() const;  // as in the document: "scaling"
  ExperimentKind kind() const;
  bool checksStore() const;  // the dataset is a store file chosen by path
  // The first problem in the window's words, marking the field it names (problem() without marks).
  QString findProblem(QWidget** field) const;
  QString storeProblem(QWidget** field) const;
  void markFields(QWidget* invalid);

  const PluginRegistry& registry_;
  QLineEdit* name_;
  QComboBox* kind_;
  QSpinBox* seed_;
  QComboBox* dataset_;
  QVBoxLayout* datasetFormHolder_;
  ParamForm* datasetForm_ = nullptr;
  QVBoxLayout* estimatorList_;
  std::vector<EstimatorEditor*> estimators_;
  QStackedWidget* grid_;
  QLineEdit* sizes_;
  QSpinBox* repeats_;
  QLineEdit* sweepParam_;
  QLineEdit* sweepValues_;
  QFormLayout* scalingForm_;
  QLineEdit* tasks_;  // benchmark: "all" or task ids
  QLineEdit* layers_;
  QLineEdit* epochs_;
  QComboBox* samples_;
  QSpinBox* threads_;
  QLineEdit* output_;
  QPushButton* run_;
  QPushButton* cancel_;
  QPushButton* slurm_ = nullptr;
  QLabel* reason_;
  RunCostLabel* cost_ = nullptr;
  QLabel* storeInfo_;
  StoreCheck* storeCheck_;
  QWidget* runBox_;
  bool running_ = false;
  bool loading_ = false;
};

}  // namespace miwb::gui
