#include "charts/legend_item.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace miwb::charts {

namespace {
constexpr double kSample = 22;  // length of the line sample
constexpr double kGap = 6;      // between sample and name
constexpr double kSpacing = 14; // between columns
}  // namespace

LegendItem::LegendItem(QGraphicsItem* parent) : QGraphicsItem(parent) {}

void LegendItem::setEntries(std::vector<Entry> entries) {
  prepareGeometryChange();
  entries_ = std::move(entries);
  update();
}

void LegendItem::setFontPixels(int pixels) {
  prepareGeometryChange();
  fontPixels_ = pixels;
  update();
}

QFont LegendItem::font() const {
  QFont f;
  f.setPixelSize(fontPixels_);
  return f;
}

double LegendItem::rowHeight() const { return std::ceil(QFontMetricsF(font()).height() * 1.25); }

double LegendItem::layout(double width) {
  prepareGeometryChange();
  width_ = std::max(1.0, width);
  const QFontMetricsF metrics(font());
  double widest = 0;
  for (const Entry& e : entries_) widest = std::max(widest, metrics.horizontalAdvance(e.name));
  columnWidth_ = kSample + kGap + widest + kSpacing;
  columns_ = std::clamp(static_cast<int>(width_ / columnWidth_), 1, std::max<int>(1, static_cast<int>(entries_.size())));
  // Columns share the width evenly when names are short, so that the legend is centred.
  columnWidth_ = std::max(columnWidth_, std::min(width_ / columns_, columnWidth_ * 1.5));
  const int rows = (static_cast<int>(entries_.size()) + columns_ - 1) / columns_;
  update();
  return rows * rowHeight();
}

QRectF LegendItem::boundingRect() const {
  const int rows = (static_cast<int>(entries_.size()) + columns_ - 1) / columns_;
  return QRectF(0, 0, width_, rows * rowHeight());
}

void LegendItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  if (entries_.empty()) return;
  painter->setFont(font());
  const QFontMetricsF metrics(font());
  const double row = rowHeight();
  const double used = std::min<double>(columns_, static_cast<double>(entries_.size())) * columnWidth_ - kSpacing;
  const double left = std::max(0.0, (width_ - used) / 2);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    const double x = left + static_cast<double>(i % columns_) * columnWidth_;
    const double y = static_cast<double>(i / columns_) * row + row / 2;
    painter->setPen(e.pen);
    painter->drawLine(QPointF(x, y), QPointF(x + kSample, y));
    if (e.marker) {
      painter->setBrush(e.fill);
      painter->setPen(QPen(e.fill.darker(130), 1));
      painter->drawEllipse(QPointF(x + kSample / 2, y), 3.5, 3.5);
    }
    painter->setPen(QColor(0x40, 0x40, 0x44));
    const QString name = metrics.elidedText(e.name, Qt::ElideRight, width_ - kSample - kGap);
    painter->drawText(QPointF(x + kSample + kGap, y + metrics.ascent() / 2 - 1), name);
  }
}

}  // namespace miwb::charts
