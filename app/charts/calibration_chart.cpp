#include "charts/calibration_chart.h"

#include <QAreaSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>

#include "charts/nice_ticks.h"
#include "charts/palette.h"

namespace miwb::charts {

CalibrationChart::CalibrationChart(const CalibrationResult* result, const CalibrationRequest* request) {
  auto* xAxis = new QValueAxis;
  auto* yAxis = new QValueAxis;
  xAxis->setTitleText("true MI [nats]");
  yAxis->setTitleText("estimate [nats]");
  addAxis(xAxis, Qt::AlignBottom);
  addAxis(yAxis, Qt::AlignLeft);
  setTitle(QString::fromStdString(request->estimatorId + " at N = " + std::to_string(request->n) + ", " +
                                  std::to_string(request->dx) + "+" + std::to_string(request->dy) + " dims, " +
                                  result->family));
  auto attach = [&](QAbstractSeries* s) {
    addSeries(s);
    s->attachAxis(xAxis);
    s->attachAxis(yAxis);
  };
  const QColor colour = categoricalColor(0);
  auto* mean = new QLineSeries;
  mean->setName("mean estimate (monotone fit)");
  mean->setPen(QPen(colour, 2));
  auto* raw = new QScatterSeries;
  raw->setName("mean of repeats");
  raw->setMarkerSize(7);
  raw->setColor(colour);
  auto* upper = new QLineSeries;
  auto* lower = new QLineSeries;
  double xMax = 0, yMax = request->estimate;
  for (const auto& row : result->curve) {
    mean->append(row.truth, row.fittedMean);
    raw->append(row.truth, row.mean);
    upper->append(row.truth, row.fittedMean + row.halfWidth);
    lower->append(row.truth, row.fittedMean - row.halfWidth);
    xMax = std::max(xMax, row.truth);
    yMax = std::max(yMax, row.fittedMean + row.halfWidth);
  }
  auto* band = new QAreaSeries(upper, lower);
  upper->setParent(band);  // an area series does not own its bounds: without this they leak
  lower->setParent(band);
  band->setName(QStringLiteral("%1 % band").arg(100 * request->level));
  QColor fill = colour;
  fill.setAlpha(55);
  band->setBrush(fill);
  band->setPen(Qt::NoPen);
  auto* diagonal = new QLineSeries;
  diagonal->setName("estimate = truth");
  diagonal->setPen(QPen(Qt::black, 1, Qt::DashLine));
  const double top = std::min(xMax, yMax * 1.05);
  diagonal->append(0, 0);
  diagonal->append(top, top);
  auto* estimate = new QLineSeries;
  estimate->setName(QStringLiteral("your estimate %1 nats").arg(request->estimate, 0, 'g', 3));
  estimate->setPen(QPen(QColor(200, 30, 30), 1.5, Qt::DotLine));
  estimate->append(0, request->estimate);
  estimate->append(xMax, request->estimate);
  for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(band), static_cast<QAbstractSeries*>(diagonal),
                             static_cast<QAbstractSeries*>(mean), static_cast<QAbstractSeries*>(raw),
                             static_cast<QAbstractSeries*>(estimate)})
    attach(s);
  addToLegend(mean);
  addToLegend(raw, true);
  addToLegend(diagonal);
  addToLegend(estimate);
  const auto& rb = result->readBack;
  if (rb.outside) {
    // No truth of the family gives this estimate: no interval to draw, the estimate's line says it.
    estimate->setName(QStringLiteral("your estimate %1 nats: outside every band").arg(request->estimate, 0, 'g', 3));
  } else if (rb.low) {
    auto* interval = new QLineSeries;
    const double high = rb.high.value_or(xMax);
    interval->setName(rb.high ? QStringLiteral("calibrated interval [%1, %2] nats").arg(*rb.low, 0, 'g', 3).arg(high, 0, 'g', 3)
                              : QStringLiteral("lower bound: truth >= %1 nats").arg(*rb.low, 0, 'g', 3));
    interval->setPen(QPen(QColor(200, 30, 30), 5));
    interval->append(*rb.low, request->estimate);
    interval->append(high, request->estimate);
    attach(interval);
    addToLegend(interval);
  }
  if (rb.calibrated) {
    auto* point = new QScatterSeries;
    point->setName(QStringLiteral("calibrated %1 nats").arg(*rb.calibrated, 0, 'g', 3));
    point->setMarkerSize(11);
    point->setColor(QColor(200, 30, 30));
    point->append(*rb.calibrated, request->estimate);
    attach(point);
    enableToolTips(point);
    addToLegend(point, true);
  }
  enableToolTips(raw);
  useNiceTicks(xAxis);
  useNiceTicks(yAxis);
  setNiceRange(xAxis, 0, xMax > 0 ? xMax : 1);
  setNiceRange(yAxis, std::min(0.0, request->estimate), yMax * 1.08 + 1e-3);
  refreshLegend();
}

}  // namespace miwb::charts
