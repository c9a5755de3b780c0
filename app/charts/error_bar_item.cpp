#include "charts/error_bar_item.h"

#include <QAbstractSeries>
#include <QChart>
#include <QPainter>

namespace miwb::charts {

namespace {
constexpr double kCap = 3;  // half-length of the bar ends, pixels
}

ErrorBarItem::ErrorBarItem(QChart* chart) : QGraphicsItem(chart), chart_(chart) { setZValue(4); }

void ErrorBarItem::clear() {
  groups_.clear();
  update();
}

void ErrorBarItem::add(const QAbstractSeries* series, QColor colour, std::vector<ErrorBar> bars) {
  groups_.push_back({series, colour, std::move(bars)});
  update();
}

void ErrorBarItem::refresh() {
  prepareGeometryChange();
  update();
}

int ErrorBarItem::barCount() const {
  int count = 0;
  for (const Group& g : groups_) count += static_cast<int>(g.bars.size());
  return count;
}

QRectF ErrorBarItem::boundingRect() const { return chart_->plotArea(); }

void ErrorBarItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->save();
  painter->setClipRect(chart_->plotArea());
  for (const Group& g : groups_) {
    QColor colour = g.colour;
    colour.setAlpha(170);
    painter->setPen(QPen(colour, 1));
    auto* series = const_cast<QAbstractSeries*>(g.series);  // mapToPosition takes a non-const series
    for (const ErrorBar& b : g.bars) {
      const QPointF left = chart_->mapToPosition(QPointF(b.xLow, b.at.y()), series);
      const QPointF right = chart_->mapToPosition(QPointF(b.xHigh, b.at.y()), series);
      const QPointF bottom = chart_->mapToPosition(QPointF(b.at.x(), b.yLow), series);
      const QPointF top = chart_->mapToPosition(QPointF(b.at.x(), b.yHigh), series);
      painter->drawLine(left, right);
      painter->drawLine(bottom, top);
      painter->drawLine(left - QPointF(0, kCap), left + QPointF(0, kCap));
      painter->drawLine(right - QPointF(0, kCap), right + QPointF(0, kCap));
      painter->drawLine(bottom - QPointF(kCap, 0), bottom + QPointF(kCap, 0));
      painter->drawLine(top - QPointF(kCap, 0), top + QPointF(kCap, 0));
    }
  }
  painter->restore();
}

}  // namespace miwb::charts
