#include "charts/scaling_chart.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "charts/nice_ticks.h"
#include "charts/palette.h"
#include "charts/scaling_extrapolation.h"
#include "miwb/host/experiment/quantity.h"
#include "miwb/units.h"

namespace miwb::charts {

namespace {

// True lines are black and dashed; each quantity has its own dash pattern so that the legend tells
// them apart, and I(X;Y) keeps the plain dash it has always had.
Qt::PenStyle trueLineStyle(const QString& quantity) {
  if (quantity == quantity::kHx) return Qt::DashDotLine;
  if (quantity == quantity::kHy) return Qt::DashDotDotLine;
  return Qt::DashLine;
}

}  // namespace

ScalingChart::ScalingChart(const ScalingData* data, Mode mode, bool bits)
    : data_(data), mode_(mode), bits_(bits), xAxis_(new QLogValueAxis) {
  xAxis_->setTitleText("N (samples)");
  useDecadeTicks(xAxis_);
  addAxis(xAxis_, Qt::AlignBottom);
  if (mode_ == Mode::Runtime) {
    auto* log = new QLogValueAxis;
    log->setTitleText("seconds per task");
    useDecadeTicks(log);
    yAxis_ = log;
    setTitle("Run time against N");
  } else {
    auto* linear = new QValueAxis;
    useNiceTicks(linear);
    yAxis_ = linear;
    setTitle("Estimate against N (mean ± 1 std over repeats)");
  }
  addAxis(yAxis_, Qt::AlignLeft);
  refresh();
}

void ScalingChart::setBits(bool bits) {
  bits_ = bits;
  refresh();
}

void ScalingChart::attach(QAbstractSeries* series) {
  addSeries(series);
  series->attachAxis(xAxis_);
  series->attachAxis(yAxis_);
}

void ScalingChart::refresh() {
  removeAllSeries();
  if (mode_ == Mode::Runtime)
    refreshRuntime();
  else
    refreshEstimate(bits_ ? kBitsPerNat : 1.0);
  refreshLegend();
}

void ScalingChart::refreshEstimate(double scale) {
  yAxis_->setTitleText(QStringLiteral("estimate [%1]").arg(bits_ ? "bits" : "nats"));
  // MI curves are drawn from 0 up, so that a bias reads against "no information"; entropies sit
  // far from 0 (and may be negative), so a figure with any gets a range fitted to the data.
  const QStringList quantities = data_->quantities();
  const bool fromZero = std::none_of(quantities.begin(), quantities.end(),
                                     [](const QString& q) { return isEntropy(q.toStdString()); });
  double nMin = 0, nMax = 0;
  double yMin = fromZero ? 0 : HUGE_VAL, yMax = fromZero ? 0 : -HUGE_VAL;
  auto extend = [&](double n, double lo, double hi) {
    nMin = nMin == 0 ? n : std::min(nMin, n);
    nMax = std::max(nMax, n);
    yMin = std::min(yMin, lo);
    yMax = std::max(yMax, hi);
  };
  const QStringList groups = data_->groups();
  for (int g = 0; g < groups.size(); ++g) {
    const QColor colour = categoricalColor(g);
    auto* mean = new QLineSeries;
    mean->setName(groups[g]);
    mean->setPen(QPen(colour, 2));
    auto* markers = new QScatterSeries;
    markers->setName(groups[g]);
    markers->setMarkerSize(7);
    markers->setColor(colour);
    markers->setBorderColor(colour.darker(130));
    auto* upper = new QLineSeries;
    auto* lower = new QLineSeries;
    for (const ScalingStat& s : data_->stats(groups[g])) {
      const double n = static_cast<double>(s.n);
      mean->append(n, s.mean * scale);
      markers->append(n, s.mean * scale);
      upper->append(n, (s.mean + s.std) * scale);
      lower->append(n, (s.mean - s.std) * scale);
      extend(n, (s.mean - s.std) * scale, (s.mean + s.std) * scale);
    }
    auto* band = new QAreaSeries(upper, lower);
    upper->setParent(band);  // an area series does not own its bounds: without this they leak
    lower->setParent(band);
    band->setName(groups[g] + " ± 1 std");
    QColor fill = colour;
    fill.setAlpha(55);
    band->setBrush(fill);
    band->setPen(Qt::NoPen);
    attach(band);
    attach(mean);
    attach(markers);
    enableToolTips(markers);
    addToLegend(mean, true);  // the band and the markers need no entry of their own
  }
  // Where each curve is heading (host/extrapolation.h), dashed in its colour.
  for (int g = 0; g < groups.size() && nMax > 0; ++g) {
    const ExtrapolationSeries fit =
        extrapolationSeries(groups[g], data_->samples(groups[g]), categoricalColor(g), scale, nMin, nMax * 1.5);
    if (!fit.curve) continue;
    attach(fit.curve);
    // The limits join the legend while it has room for them (a few curves); with more, each
    // limit line still names itself in its tooltip, and extrapolation.csv has them all.
    const bool legendRoom = groups.size() <= 4;
    if (fit.limit) {
      attach(fit.limit);
      enableToolTips(fit.limit);
      if (legendRoom) addToLegend(fit.limit);  // "KSG: I∞ = 1.93 [1.88, 1.99]"
    } else if (legendRoom) {
      addToLegend(fit.curve);  // "KSG fit: I∞ not identified"
    }
    extend(nMin, fit.low, fit.high);
  }
  for (const TrueLine& line : data_->trueLines()) {
    auto* truth = new QLineSeries;
    truth->setName(line.name);
    truth->setPen(QPen(Qt::black, 1.5, trueLineStyle(line.quantity)));
    for (const auto& [n, nats] : line.points) {
      truth->append(static_cast<double>(n), nats * scale);
      extend(static_cast<double>(n), nats * scale, nats * scale);
    }
    attach(truth);
    enableToolTips(truth);
    addToLegend(truth);  // line samples: the dash patterns tell the true values apart
  }
  if (!isZoomed()) {
    const auto [n0, n1] = decadeRange(nMin > 0 ? nMin / 1.5 : 10, nMax > 0 ? nMax * 1.5 : 1000);
    xAxis_->setRange(n0, n1);
    if (yMin > yMax) yMin = yMax = 0;  // nothing drawn yet
    const double pad = 0.03 * std::max(yMax - yMin, 1e-3);
    // MI curves start at 0 exactly; the range ends on ticks.
    setNiceRange(static_cast<QValueAxis*>(yAxis_), fromZero && yMin >= 0 ? 0.0 : yMin - pad, yMax + pad);
  }
}

void ScalingChart::refreshRuntime() {
  double nMin = 0, nMax = 0, sMin = 0, sMax = 0;
  const QStringList groups = data_->groups();
  for (int g = 0; g < groups.size(); ++g) {
    const QColor colour = categoricalColor(g);
    auto* line = new QLineSeries;
    line->setName(groups[g]);
    line->setPen(QPen(colour, 2));
    line->setPointsVisible(true);
    for (const ScalingStat& s : data_->stats(groups[g])) {
      // A log axis hides a whole series holding any value <= 0 (Qt Charts): leave such points out.
      if (s.meanSeconds <= 0 || s.n <= 0) continue;
      const double n = static_cast<double>(s.n);
      line->append(n, s.meanSeconds);
      nMin = nMin == 0 ? n : std::min(nMin, n);
      nMax = std::max(nMax, n);
      sMin = sMin == 0 ? s.meanSeconds : std::min(sMin, s.meanSeconds);
      sMax = std::max(sMax, s.meanSeconds);
    }
    attach(line);
    enableToolTips(line);
    addToLegend(line, true);
  }
  if (!isZoomed()) {
    const auto [n0, n1] = decadeRange(nMin > 0 ? nMin / 1.5 : 10, nMax > 0 ? nMax * 1.5 : 1000);
    const auto [s0, s1] = decadeRange(sMin > 0 ? sMin / 2 : 1e-4, sMax > 0 ? sMax * 2 : 1);
    xAxis_->setRange(n0, n1);
    yAxis_->setRange(s0, s1);
  }
}

}  // namespace miwb::charts
