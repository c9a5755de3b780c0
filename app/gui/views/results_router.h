#pragma once
// The one path from results to the views. A live run's batches, the rows a followed run folder
// gains, and a whole journal (a folder opened with File > Open results, a run that resumes in the
// folder of an interrupted one) all go through here, so every source fills the same views the same
// way: the plane, the scaling curves, the benchmark heatmap (which needs the resolved experiment
// for its tasks), the table, and which tab shows them.
#include <QObject>
#include <QStringList>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"
#include "miwb/status.h"
#include "run/run_controller.h"  // MetricPoint

class QTabWidget;
class QWidget;

namespace miwb::gui {

class BenchmarkView;
class PlaneView;
class ScalingView;
class TableView;
class TrainingView;

class ResultsRouter : public QObject {
  Q_OBJECT
 public:
  struct Views {
    QTabWidget* tabs;
    PlaneView* plane;
    ScalingView* scaling;
    BenchmarkView* benchmark;
    TableView* table;
    TrainingView* training;
  };
  explicit ResultsRouter(const Views& views, QObject* parent = nullptr);

  // Empty views, with their axes, for the results `experiment` will produce: a panel per estimator
  // label, the benchmark's grid of tasks (when it is resolved). Training curves are cleared too.
  void reset(const Experiment& experiment);
  // Rows of the experiment last reset, added to what is shown.
  void addRows(const std::vector<ResultRow>& rows);
  // Exactly these rows, the experiment's whole record so far: the views are rebuilt from them.
  void showAll(const Experiment& experiment, const std::vector<ResultRow>& rows);
  // showAll from a run folder's journals (results.jsonl, or its shards'); none: no rows.
  Status showJournal(const Experiment& experiment, const QString& folder);
  // Training curves of a network trained by the run.
  void addMetrics(const std::vector<MetricPoint>& points);
  // Once a run that trained a network has plane points, the plane is shown in place of the
  // training curves (once per run: a user who goes back to the curves stays there).
  void revealPlaneOverTraining();
  // The tab that shows this experiment's results (the training curves for a network trained here).
  QWidget* viewFor(const Experiment& experiment) const;
  void showViewFor(const Experiment& experiment);

  const Experiment& experiment() const { return experiment_; }

 private:
  Views views_;
  Experiment experiment_;
  bool planeRevealed_ = false;
};

}  // namespace miwb::gui
