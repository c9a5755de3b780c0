#pragma once
// The experiment panel: what to run (kind, dataset and its parameters, estimators, grid), where the
// results go, and Run / Cancel. It edits the experiment document it was given: the widgets show
// every value, and what the user changes goes back into that document (document_edits.h), so fields
// without a widget (uncertainty, task_time_limit) survive and are shown read-only. It checks the
// document with the host's own Experiment parsing and resolving, so the window accepts what the CLI
// accepts; Run is disabled while something is invalid, the reason is shown under it, and the widget
// of the field the failure names (Status::field(), declared in experiment_fields.h) turns red.
#include <QWidget>
#include <vector>

#include "miwb/host/experiment/quantity.h"
#include "miwb/params.h"
#include "miwb/status.h"

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
class OtherFieldsBox;
class ParamForm;
class RunCostLabel;
class StoreCheck;

class ExperimentPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentPanel(const PluginRegistry& registry, QWidget* parent = nullptr);

  void setExperiment(const Json& doc);
  Json experiment() const;     // the document as given, with the form's changes
  // The read-only row of a field the form has no widget for ("uncertainty.level"), or nullptr.
  QWidget* documentField(const std::string& path) const;
  // The warnings about keys nothing reads, with the hint for a near miss, as shown in the panel.
  QStringList unknownKeyWarnings() const;
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
  // One builder per group box.
  QWidget* buildGeneralBox();
  QWidget* buildDatasetBox();
  QWidget* buildEstimatorsBox();
  QWidget* buildGridBox();
  QWidget* buildRunBox();
  void connectFields();
  Json formDocument() const;  // what the widgets show (estimators aside), every default included
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
  QString documentProblem(QWidget** field) const;
  QWidget* widgetForField(const std::string& path) const;
  QString inWindowTerms(const Status& status) const;
  void markFields(QWidget* invalid, const QString& why);

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
  OtherFieldsBox* otherFields_ = nullptr;
  QPushButton* addEstimator_ = nullptr;
  Json written_ = Json::object();  // the document as given
  Json loaded_ = Json::object();   // formDocument() when it was given: what counts as unchanged
  bool running_ = false;
  bool loading_ = false;
};

}  // namespace miwb::gui
