#include "charts/nice_ticks.h"

#include <QChart>
#include <QLogValueAxis>
#include <QValueAxis>
#include <cmath>

namespace miwb::charts {

double niceStep(double span, int target) {
  if (!(span > 0) || !std::isfinite(span)) return 1;
  const double raw = span / std::max(1, target);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (double mantissa : {1.0, 2.0, 2.5, 5.0})
    if (raw <= mantissa * decade * (1 + 1e-9)) return mantissa * decade;
  return 10 * decade;
}

int stepDecimals(double step) {
  for (int decimals = 0; decimals < 15; ++decimals) {
    const double scaled = step * std::pow(10.0, decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return decimals;
  }
  return 15;
}

std::vector<double> niceTicks(double lo, double hi, int target) {
  std::vector<double> ticks;
  if (!(hi > lo)) return ticks;
  const double step = niceStep(hi - lo, target);
  const double slack = 1e-9 * step;
  for (double k = std::ceil((lo - slack) / step); k * step <= hi + slack; ++k) ticks.push_back(k * step);
  return ticks;
}

std::pair<double, double> niceRange(double lo, double hi, int target) {
  if (!(hi > lo)) return {lo, hi};
  // Widening can raise the step the new span asks for (9.8 -> [0, 12] wants 2.5, and 12 is no
  // multiple of it): widen again with that step until the step is the one the range gives.
  double first = lo, last = hi;
  for (int round = 0; round < 8; ++round) {
    const double step = niceStep(last - first, target);
    first = std::floor(lo / step + 1e-9) * step;
    last = std::ceil(hi / step - 1e-9) * step;
    if (niceStep(last - first, target) == step) break;
  }
  return {first, last};
}

QString tickLabel(double value, double step) {
  if (std::abs(value) < 1e-9 * step) value = 0;  // no "-0.0"
  return QString::number(value, 'f', stepDecimals(step));
}

namespace {
void placeNiceTicks(QValueAxis* axis, double lo, double hi, int target) {
  if (!(hi > lo)) return;
  const double step = niceStep(hi - lo, target);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  axis->setLabelFormat(QStringLiteral("%.%1f").arg(stepDecimals(step)));
}
}  // namespace

constexpr const char* kTargetProperty = "miwbTickTarget";

int tickTarget(const QValueAxis* axis, int fallback) {
  const QVariant target = axis->property(kTargetProperty);
  return target.isValid() ? target.toInt() : fallback;
}

void useNiceTicks(QValueAxis* axis, int target) {
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setMinorTickCount(0);
  axis->setProperty(kTargetProperty, target);
  placeNiceTicks(axis, axis->min(), axis->max(), target);
  QObject::connect(axis, &QValueAxis::rangeChanged, axis,
                   [axis](double lo, double hi) { placeNiceTicks(axis, lo, hi, tickTarget(axis, 5)); });
}

void setTickTarget(QValueAxis* axis, int target) { axis->setProperty(kTargetProperty, target); }

void snapZoomToNiceRanges(QChart* chart) {
  for (QAbstractAxis* abstract : chart->axes())
    if (auto* axis = qobject_cast<QValueAxis*>(abstract); axis && axis->tickType() == QValueAxis::TicksDynamic)
      setNiceRange(axis, axis->min(), axis->max());
}

void setNiceRange(QValueAxis* axis, double lo, double hi, int target) {
  target = tickTarget(axis, target);
  const auto [first, last] = niceRange(lo, hi, target);
  placeNiceTicks(axis, first, last, target);
  axis->setRange(first, last);
}

QString decadeLabelFormat(double lo, double hi) {
  if (!(lo > 0) || !(hi > lo)) return "%g";
  const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
  const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
  return first >= -4 && last <= 5 ? QStringLiteral("%g") : QStringLiteral("%.0e");
}

std::pair<double, double> decadeRange(double lo, double hi) {
  if (!(lo > 0) || !(hi > lo)) return {lo, hi};
  const double top = std::floor(std::log10(hi) + 1e-9);
  while (top - std::ceil(std::log10(lo) - 1e-9) < 1) lo = std::pow(10.0, std::ceil(std::log10(lo) - 1e-9) - 1);
  return {lo, hi};
}

void useDecadeTicks(QLogValueAxis* axis) {
  axis->setBase(10);
  axis->setMinorTickCount(0);
  auto place = [axis] { axis->setLabelFormat(decadeLabelFormat(axis->min(), axis->max())); };
  place();
  QObject::connect(axis, &QLogValueAxis::rangeChanged, axis, place);
}

}  // namespace miwb::charts
