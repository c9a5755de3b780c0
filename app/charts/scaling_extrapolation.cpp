#include "charts/scaling_extrapolation.h"

#include <QLineSeries>
#include <algorithm>
#include <cmath>

#include "miwb/run_context.h"

namespace miwb::charts {

ExtrapolationSeries extrapolationSeries(const QString& group, const std::vector<CurveSamples>& samples, QColor colour,
                                        double scale, double nFrom, double nTo) {
  ExtrapolationSeries out;
  const Extrapolation fit = extrapolate(samples, mixSeed(0, group.toStdString()));
  if (!fit.limit) return out;
  const double limit = *fit.limit, a = fit.amplitude.value_or(0), b = fit.exponent.value_or(0);
  out.curve = new QLineSeries;
  out.curve->setName(group + " fit");
  out.curve->setPen(QPen(colour, 1.5, Qt::DashLine));
  constexpr int kSteps = 60;  // log-spaced points: smooth on the log N axis
  out.low = HUGE_VAL;
  out.high = -HUGE_VAL;
  for (int i = 0; i <= kSteps; ++i) {
    const double n = nFrom * std::pow(nTo / nFrom, static_cast<double>(i) / kSteps);
    const double v = (limit - a * std::pow(n, -b)) * scale;
    out.curve->append(n, v);
    out.low = std::min(out.low, v);
    out.high = std::max(out.high, v);
  }
  if (fit.trusted()) {  // an untrusted limit may lie anywhere: it does not stretch the axis
    out.low = std::min(out.low, limit * scale);
    out.high = std::max(out.high, limit * scale);
  }
  if (!fit.trusted()) {
    // A limit the fit cannot identify may lie anywhere (far below the data): no line for it, and
    // the fit's own legend entry says why.
    out.curve->setName(group + " fit: I∞ not identified");  // why: the note in extrapolation.csv
    return out;
  }
  out.limit = new QLineSeries;
  QString name = QStringLiteral("%1: I∞ = %2").arg(group).arg(limit * scale, 0, 'g', 3);
  if (fit.low && fit.high)
    name += QStringLiteral(" [%1, %2]").arg(*fit.low * scale, 0, 'g', 3).arg(*fit.high * scale, 0, 'g', 3);
  out.limit->setName(name);
  out.limit->setPen(QPen(colour, 1, Qt::DashDotLine));
  out.limit->append(nFrom, limit * scale);
  out.limit->append(nTo, limit * scale);
  return out;
}

}  // namespace miwb::charts
