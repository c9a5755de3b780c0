#include "charts/plane_chart.h"

#include <QLineSeries>
#include <QPointer>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>

#include "charts/color_bar_item.h"
#include "charts/error_bar_item.h"
#include "charts/nice_ticks.h"
#include "charts/palette.h"
#include "charts/viridis.h"
#include "miwb/units.h"

namespace miwb::charts {

PlaneChart::PlaneChart(const PlaneData* data, QString estimator, PlaneOptions options)
    : data_(data), estimator_(std::move(estimator)), options_(std::move(options)),
      xAxis_(new QValueAxis), yAxis_(new QValueAxis), colorBar_(new ColorBarItem(this)),
      errorBars_(new ErrorBarItem(this)) {
  setTitle(estimator_);
  addAxis(xAxis_, Qt::AlignBottom);
  addAxis(yAxis_, Qt::AlignLeft);
  useNiceTicks(xAxis_);
  useNiceTicks(yAxis_);
  colorBar_->setIntegerTicks(true);  // epochs
  // Room on the right for the colour bar, which follows the plot area.
  setBaseMargins(QMargins(8, 8, static_cast<int>(ColorBarItem::kReserve), 8));
  connect(this, &QChart::plotAreaChanged, this, [this] { placeColorBar(); });
  connect(this, &QChart::plotAreaChanged, this, [this] { errorBars_->refresh(); });
  // Fewer ticks across a narrow plot: six labels like "10.0" in 190 px were elided to "1...".
  // (The axis is gone while QChart's destructor still lays out: a guarded pointer.)
  connect(this, &QChart::plotAreaChanged, this, [this, axis = QPointer<QValueAxis>(xAxis_)](const QRectF& plot) {
    if (!axis) return;
    const int target = plot.width() < 320 ? 3 : 5;
    if (tickTarget(xAxis_, 5) == target) return;
    setTickTarget(xAxis_, target);
    // Later, not now: this can fire from inside refresh() (a new range re-lays the chart out).
    QMetaObject::invokeMethod(this, [this] {
      if (isZoomed())
        setNiceRange(xAxis_, xAxis_->min(), xAxis_->max());
      else
        refresh();
    }, Qt::QueuedConnection);
  });
  for (QValueAxis* axis : {xAxis_, yAxis_})
    connect(axis, &QValueAxis::rangeChanged, this, [this] { errorBars_->refresh(); });
  refresh();
}

void PlaneChart::setOptions(const PlaneOptions& options) {
  options_ = options;
  refresh();
}

QScatterSeries* PlaneChart::markers(const QString& layer) const {
  auto it = layers_.find(layer);
  return it == layers_.end() ? nullptr : it->second.markers;
}

void PlaneChart::keepLayerOrder(const QStringList& present) {
  if (present.mid(0, seriesOrder_.size()) == seriesOrder_) return;
  for (auto& [layer, s] : layers_)
    for (QXYSeries* series : {static_cast<QXYSeries*>(s.line), static_cast<QXYSeries*>(s.markers)}) {
      removeSeries(series);
      delete series;
    }
  layers_.clear();
  seriesOrder_.clear();
}

PlaneChart::LayerSeries& PlaneChart::layerSeries(const QString& layer, int colourIndex) {
  LayerSeries& s = layers_[layer];
  if (!s.line) {
    seriesOrder_.append(layer);
    const QColor colour = categoricalColor(colourIndex);
    s.line = new QLineSeries;
    s.line->setName(layer);
    s.line->setPen(QPen(colour, 2));
    s.markers = new QScatterSeries;
    s.markers->setName(layer + " epochs");
    s.markers->setMarkerSize(9);
    s.markers->setPen(QPen(colour.darker(130), 1));
    s.markers->setColor(colour);
    for (QXYSeries* series : {static_cast<QXYSeries*>(s.line), static_cast<QXYSeries*>(s.markers)}) {
      addSeries(series);
      series->attachAxis(xAxis_);
      series->attachAxis(yAxis_);
    }
    enableToolTips(s.markers);
    addToLegend(s.line);
  }
  return s;
}

void PlaneChart::refresh() {
  const double scale = options_.bits ? kBitsPerNat : 1.0;
  const QString unit = options_.bits ? "bits" : "nats";
  xAxis_->setTitleText("I(X;T) [" + unit + "]");
  yAxis_->setTitleText("I(T;Y) [" + unit + "]");

  const auto epochs = data_->epochRange();
  // Recorded epochs are usually log-spaced: a log colour scale spreads them evenly.
  const bool logEpochs = epochs && epochs->first >= 1 && epochs->second >= 10 * epochs->first;
  colorBar_->setRange(epochs ? epochs->first : 0, epochs ? epochs->second : 1, logEpochs);
  colorBar_->setTitle("epoch");
  colorBar_->setVisible(epochs.has_value());

  double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
  errorBars_->clear();
  const QStringList layerNames = data_->allLayers();  // in the store's order, as the legend lists them
  QStringList present;
  for (const QString& layer : layerNames)
    if (!data_->curve(estimator_, layer).empty()) present.append(layer);
  keepLayerOrder(present);
  for (int i = 0; i < layerNames.size(); ++i) {
    std::vector<PlanePoint> points = data_->curve(estimator_, layerNames[i]);
    if (points.empty()) continue;
    // The same colour for a layer in every panel and every run: its place in the store.
    const int colour = data_->colourIndex(layerNames[i]);
    LayerSeries& s = layerSeries(layerNames[i], colour);
    QList<QPointF> xy;
    for (const PlanePoint& p : points) xy.append(QPointF(p.ixtNats * scale, p.ityNats * scale));
    s.line->replace(xy);
    s.markers->replace(xy);
    // Per-point colours: QXYSeries::colorBy drew every point grey on Qt 6.4.2 (a Qt Charts bug). Set all
    // at once: one setPointConfiguration call per point re-lays the series out each time.
    QHash<int, QHash<QXYSeries::PointConfiguration, QVariant>> colours;
    for (int k = 0; k < static_cast<int>(points.size()); ++k)
      colours[k] = {{QXYSeries::PointConfiguration::Color, viridis(colorBar_->fraction(points[k].epoch))}};
    s.markers->setPointsConfiguration(colours);
    s.points = std::move(points);
    const bool visible = !options_.hiddenLayers.contains(layerNames[i]);
    s.line->setVisible(visible);
    s.markers->setVisible(visible);
    if (!visible) continue;
    std::vector<ErrorBar> bars;
    for (const PlanePoint& p : s.points)
      if (options_.errorBars && p.ixtInterval && p.ityInterval)
        bars.push_back({QPointF(p.ixtNats * scale, p.ityNats * scale), p.ixtInterval->first * scale,
                        p.ixtInterval->second * scale, p.ityInterval->first * scale, p.ityInterval->second * scale});
    for (const ErrorBar& b : bars) {
      xy.append(QPointF(b.xLow, b.yLow));  // the range below holds the bars too
      xy.append(QPointF(b.xHigh, b.yHigh));
    }
    if (!bars.empty()) errorBars_->add(s.markers, categoricalColor(colour), std::move(bars));
    for (const QPointF& p : xy) {
      xMin = std::min(xMin, p.x());
      xMax = std::max(xMax, p.x());
      yMin = std::min(yMin, p.y());
      yMax = std::max(yMax, p.y());
    }
  }
  if (!isZoomed()) {
    // Start at zero (MI is non-negative; estimates a little below zero stay visible) with headroom.
    setNiceRange(xAxis_, xMin, xMax > xMin ? xMax * 1.02 : 1.0);
    setNiceRange(yAxis_, yMin, yMax > yMin ? yMax * 1.02 : 1.0);
  }
  refreshLegend();  // one entry per shown layer (its line), none for the markers
  placeColorBar();
}

void PlaneChart::placeColorBar() {
  const QRectF plot = plotArea();
  colorBar_->setPos(plot.right() + 18, plot.top());
  colorBar_->setBarHeight(plot.height());
}

QString PlaneChart::describePoint(const QXYSeries* series, int index) const {
  const QString unit = options_.bits ? "bits" : "nats";
  for (const auto& [layer, s] : layers_) {
    if (s.markers != series || index >= static_cast<int>(s.points.size())) continue;
    const QPointF p = series->at(index);
    return QStringLiteral("%1 — layer %2, epoch %3\nI(X;T) = %4 %6\nI(T;Y) = %5 %6")
        .arg(estimator_, layer)
        .arg(s.points[index].epoch)
        .arg(p.x(), 0, 'f', 3)
        .arg(p.y(), 0, 'f', 3)
        .arg(unit);
  }
  return BaseChart::describePoint(series, index);
}

}  // namespace miwb::charts
