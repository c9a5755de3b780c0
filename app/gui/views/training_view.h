#pragma once
// The Training view: metric curves a dataset reports while it prepares, such as the loss of an
// mlp-training run (RunObserver::metric gives ("train loss", epoch, value)). Live and exportable.
#include <QList>
#include <QMap>
#include <QPointF>
#include <QTimer>

#include "charts/figure.h"
#include "views/figure_view.h"
#include "run/run_controller.h"

class QLineSeries;

namespace miwb::gui {

// Named curves of (step, value).
class MetricsFigure : public charts::Figure {
 public:
  QMap<QString, QList<QPointF>> curves;

  QString name() const override { return "training"; }
  std::vector<std::unique_ptr<QChart>> createCharts() const override;
  QString dataCsv() const override;
  bool empty() const override { return curves.isEmpty(); }
};

class MetricsChart : public charts::BaseChart {
  Q_OBJECT
 public:
  explicit MetricsChart(const MetricsFigure* figure);
  void refresh();

 private:
  const MetricsFigure* figure_;
  QMap<QString, QLineSeries*> lines_;
};

class TrainingView : public FigureView {
  Q_OBJECT
 public:
  explicit TrainingView(QWidget* parent = nullptr);
  const charts::Figure& figure() const override { return figure_; }
  const MetricsFigure& metrics() const { return figure_; }
  void reset();
  void addMetrics(const std::vector<MetricPoint>& points);

 private:
  MetricsFigure figure_;
  // Long trainings report millions of points: keep at most ~kMaxPoints per curve by thinning.
  QMap<QString, int> stride_, skipped_;
  QTimer redrawTimer_;
};

}  // namespace miwb::gui
