#include "views/training_view.h"

#include <QLineSeries>
#include <QValueAxis>

#include "charts/chart_panel.h"
#include "charts/nice_ticks.h"
#include "charts/palette.h"

namespace miwb::gui {

std::vector<std::unique_ptr<QChart>> MetricsFigure::createCharts() const {
  std::vector<std::unique_ptr<QChart>> charts;
  charts.push_back(std::make_unique<MetricsChart>(this));
  return charts;
}

QString MetricsFigure::dataCsv() const {
  QString csv = "metric,step,value\n";
  for (auto it = curves.begin(); it != curves.end(); ++it)
    for (const QPointF& p : it.value())
      csv += QStringLiteral("\"%1\",%2,%3\n").arg(it.key()).arg(p.x(), 0, 'g', 10).arg(p.y(), 0, 'g', 10);
  return csv;
}

MetricsChart::MetricsChart(const MetricsFigure* figure) : figure_(figure) {
  setTitle("Training");
  auto* x = new QValueAxis;
  x->setTitleText("epoch");
  auto* y = new QValueAxis;
  y->setTitleText("value");
  addAxis(x, Qt::AlignBottom);
  addAxis(y, Qt::AlignLeft);
  charts::useNiceTicks(x);
  charts::useNiceTicks(y);
  refresh();
}

void MetricsChart::refresh() {
  if (figure_->curves.isEmpty()) {
    removeAllSeries();
    lines_.clear();
    refreshLegend();
  }
  double xMax = 1, yMin = 0, yMax = 0;
  bool first = true;
  int index = 0;
  for (auto it = figure_->curves.begin(); it != figure_->curves.end(); ++it, ++index) {
    // Update the points of existing series: re-creating them on every refresh costs tens of ms.
    QLineSeries*& line = lines_[it.key()];
    const bool fresh = line == nullptr;
    if (fresh) {
      line = new QLineSeries;
      line->setName(it.key());
      line->setPen(QPen(charts::categoricalColor(index), 2));
    }
    line->replace(it.value());
    for (const QPointF& p : it.value()) {
      xMax = std::max(xMax, p.x());
      yMin = first ? p.y() : std::min(yMin, p.y());
      yMax = first ? p.y() : std::max(yMax, p.y());
      first = false;
    }
    if (!fresh) continue;
    addSeries(line);
    line->attachAxis(axes(Qt::Horizontal).first());
    line->attachAxis(axes(Qt::Vertical).first());
    enableToolTips(line);
    addToLegend(line);
    refreshLegend();
  }
  if (!isZoomed()) {
    charts::setNiceRange(static_cast<QValueAxis*>(axes(Qt::Horizontal).first()), 0, xMax);
    if (first) yMax = 1;  // no points yet: a plain 0..1 frame, not a hair-thin range around 0
    const double pad = 0.03 * std::max(yMax - yMin, 1e-6);
    charts::setNiceRange(static_cast<QValueAxis*>(axes(Qt::Vertical).first()), std::min(0.0, yMin - pad), yMax + pad);
  }
}

TrainingView::TrainingView(QWidget* parent) : FigureView(parent) {
  finishToolBar();
  setPanels({new charts::ChartPanel(new MetricsChart(&figure_))}, 1);
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(200);
  connect(&redrawTimer_, &QTimer::timeout, this,
          [this] { static_cast<MetricsChart*>(panels().first()->baseChart())->refresh(); });
}

namespace {
constexpr int kMaxPoints = 3000;
}

void TrainingView::reset() {
  figure_.curves.clear();
  stride_.clear();
  skipped_.clear();
  static_cast<MetricsChart*>(panels().first()->baseChart())->refresh();
}

void TrainingView::addMetrics(const std::vector<MetricPoint>& points) {
  for (const MetricPoint& p : points) {
    int& stride = stride_[p.name];
    int& skipped = skipped_[p.name];
    stride = std::max(stride, 1);
    if (++skipped < stride) continue;
    skipped = 0;
    QList<QPointF>& curve = figure_.curves[p.name];
    curve.append(QPointF(p.step, p.value));
    if (curve.size() > kMaxPoints) {  // keep every other point from now on
      QList<QPointF> thinned;
      for (int i = 0; i < curve.size(); i += 2) thinned.append(curve[i]);
      curve = thinned;
      stride *= 2;
    }
  }
  if (!redrawTimer_.isActive()) redrawTimer_.start();
}

}  // namespace miwb::gui
