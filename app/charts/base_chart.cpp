#include "charts/base_chart.h"

#include <QScatterSeries>
#include <QXYSeries>
#include <cmath>
#include <limits>

#include "charts/legend_item.h"

namespace miwb::charts {

namespace {
constexpr const char* kToolTipProperty = "miwbToolTips";
constexpr const char* kLegendProperty = "miwbLegend";  // 1: a line sample, 2: with a marker
}

BaseChart::BaseChart(QGraphicsItem* parent) : QChart(parent), legend_(new LegendItem(this)) {
  setBackgroundRoundness(0);
  setAnimationOptions(QChart::NoAnimation);
  setBackgroundBrush(Qt::white);
  legend()->hide();
  setMargins(baseMargins_);
  connect(this, &QGraphicsWidget::geometryChanged, this, &BaseChart::placeLegend);
}

void BaseChart::addToLegend(QXYSeries* series, bool withMarker) { series->setProperty(kLegendProperty, withMarker ? 2 : 1); }

void BaseChart::refreshLegend() {
  std::vector<LegendItem::Entry> entries;
  for (QAbstractSeries* abstract : series()) {
    auto* xy = qobject_cast<QXYSeries*>(abstract);
    const int kind = xy ? xy->property(kLegendProperty).toInt() : 0;
    if (!kind || !xy->isVisible()) continue;
    entries.push_back({xy->name(), xy->pen(), kind == 2, xy->color()});
  }
  legend_->setEntries(std::move(entries));
  placeLegend();
}

QStringList BaseChart::legendNames() const {
  QStringList names;
  for (const LegendItem::Entry& e : legend_->entries()) names << e.name;
  return names;
}

void BaseChart::setBaseMargins(const QMargins& margins) {
  baseMargins_ = margins;
  placeLegend();
}

void BaseChart::placeLegend() {
  const double height = legend_->layout(size().width() - baseMargins_.left() - baseMargins_.right());
  QMargins margins = baseMargins_;
  margins.setBottom(baseMargins_.bottom() + static_cast<int>(std::ceil(height)) + (height > 0 ? 4 : 0));
  if (margins != this->margins()) setMargins(margins);
  legend_->setPos(baseMargins_.left(), size().height() - baseMargins_.bottom() - height);
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
