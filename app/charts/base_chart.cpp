#include "charts/base_chart.h"

#include <QXYSeries>
#include <limits>

namespace miwb::charts {

namespace {
constexpr const char* kToolTipProperty = "miwbToolTips";
}

BaseChart::BaseChart(QGraphicsItem* parent) : QChart(parent) {
  setBackgroundRoundness(0);
  setAnimationOptions(QChart::NoAnimation);
  setBackgroundBrush(Qt::white);
}

void BaseChart::enableToolTips(QXYSeries* series) { series->setProperty(kToolTipProperty, true); }

QString BaseChart::toolTipAt(QPointF chartPos, double radius) {
  const QXYSeries* best = nullptr;
  int bestIndex = -1;
  double bestDistance = radius * radius;
  for (QAbstractSeries* abstract : series()) {
    auto* xy = qobject_cast<QXYSeries*>(abstract);
    if (!xy || !xy->isVisible() || !xy->property(kToolTipProperty).toBool()) continue;
    const QList<QPointF> points = xy->points();
    for (int i = 0; i < points.size(); ++i) {
      const QPointF d = mapToPosition(points[i], xy) - chartPos;
      const double distance = d.x() * d.x() + d.y() * d.y();
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = xy;
        bestIndex = i;
      }
    }
  }
  return best ? describePoint(best, bestIndex) : QString();
}

QString BaseChart::describePoint(const QXYSeries* series, int index) const {
  const QPointF p = series->at(index);
  return QStringLiteral("%1\n(%2, %3)").arg(series->name()).arg(p.x(), 0, 'g', 4).arg(p.y(), 0, 'g', 4);
}

}  // namespace miwb::charts
