#include "views/results_router.h"

#include <QTabWidget>

#include "miwb/host/run/run_folder.h"
#include "views/benchmark_view.h"
#include "views/plane_view.h"
#include "views/results_table_model.h"
#include "views/scaling_view.h"
#include "views/table_view.h"
#include "views/training_view.h"

namespace miwb::gui {

ResultsRouter::ResultsRouter(const Views& views, QObject* parent) : QObject(parent), views_(views) {}

void ResultsRouter::reset(const Experiment& experiment) {
  experiment_ = experiment;
  QStringList labels;
  for (const EstimatorSpec& e : experiment.estimators) labels << QString::fromStdString(e.label);
  views_.plane->reset(labels);
  views_.scaling->reset();
  views_.benchmark->setExperiment(experiment);  // empty unless a resolved benchmark
  views_.table->model()->clear();
  views_.training->reset();
  planeRevealed_ = false;
}

void ResultsRouter::addMetrics(const std::vector<MetricPoint>& points) { views_.training->addMetrics(points); }

void ResultsRouter::revealPlaneOverTraining() {
  if (planeRevealed_ || views_.plane->data().empty()) return;
  planeRevealed_ = true;
  if (views_.tabs->currentWidget() == views_.training) views_.tabs->setCurrentWidget(views_.plane);
}

void ResultsRouter::addRows(const std::vector<ResultRow>& rows) {
  if (rows.empty()) return;
  if (experiment_.kind == ExperimentKind::Benchmark) {
    views_.benchmark->addRows(rows);  // a benchmark's rows are cells of its heatmap, no scaling curves
  } else {
    views_.plane->addRows(rows);
    views_.scaling->addRows(rows);
  }
  views_.table->model()->addRows(rows);
}

void ResultsRouter::showAll(const Experiment& experiment, const std::vector<ResultRow>& rows) {
  reset(experiment);
  addRows(rows);
}

Status ResultsRouter::showJournal(const Experiment& experiment, const QString& folder) {
  std::vector<ResultRow> rows;  // every journal there (shards' too), one row per task
  MIWB_TRY(journaledRows(folder, rows));
  showAll(experiment, rows);
  return Status::ok();
}

QWidget* ResultsRouter::viewFor(const Experiment& experiment) const {
  switch (experiment.kind) {
    case ExperimentKind::InformationPlane:
      return experiment.datasetId == "mlp-training" ? static_cast<QWidget*>(views_.training) : views_.plane;
    case ExperimentKind::Benchmark:
      return views_.benchmark;
    default:
      return views_.scaling;
  }
}

void ResultsRouter::showViewFor(const Experiment& experiment) { views_.tabs->setCurrentWidget(viewFor(experiment)); }

}  // namespace miwb::gui
