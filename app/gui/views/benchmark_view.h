#pragma once
// The Benchmark view: the bmi-style heatmap of a benchmark run (estimators and "True MI" against
// the tasks, grouped by family) at a chosen N, or its samples-needed table. Fills in as tasks
// finish; tooltips give task, estimator, truth, mean +/- sd and N; a click on a cell opens that
// task's scaling curve for that estimator.
#include <QTimer>

#include "charts/benchmark_figures.h"
#include "views/figure_view.h"

class QComboBox;

namespace miwb::gui {

class BenchmarkView : public FigureView {
  Q_OBJECT
 public:
  explicit BenchmarkView(QWidget* parent = nullptr);

  const charts::Figure& figure() const override;
  const charts::BenchmarkData& data() const { return heatmap_.data; }
  // A resolved benchmark experiment (clears the view); other kinds leave it empty.
  void setExperiment(const Experiment& experiment);
  void addRows(const std::vector<ResultRow>& rows);
  // Shows the heatmap at `n` (one of the grid's N).
  void setN(long long n);
  void showSamplesNeeded(bool samples);
  // Opens the scaling curve of one (task, estimator) in a dialog; returns it (tests close it).
  QDialog* openCurve(const std::string& task, const std::string& estimator);
  charts::MatrixChart* heatmapChart() const;
  charts::MatrixChart* samplesChart() const;

 private:
  void redraw();
  void cellClicked(charts::MatrixChart* chart, QPointF chartPos);

  charts::BenchmarkHeatmapFigure heatmap_;
  charts::BenchmarkSamplesNeededFigure samples_;
  QComboBox* show_;
  QComboBox* sizes_;
  QTimer redrawTimer_;
};

}  // namespace miwb::gui
