#include "charts/color_bar_item.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <cmath>

#include "charts/viridis.h"

namespace miwb::charts {

ColorBarItem::ColorBarItem(QGraphicsItem* parent) : QGraphicsItem(parent) {}

void ColorBarItem::setRange(double minimum, double maximum, bool logScale) {
  prepareGeometryChange();
  min_ = minimum;
  max_ = maximum;
  log_ = logScale && minimum > 0 && maximum > minimum;
  update();
}

void ColorBarItem::setTitle(const QString& title) {
  title_ = title;
  update();
}

void ColorBarItem::setBarHeight(double plotHeight) {
  prepareGeometryChange();
  height_ = std::max(20.0, plotHeight);
}

double ColorBarItem::fraction(double value) const {
  if (max_ <= min_) return 0.5;
  if (log_) return (std::log(value) - std::log(min_)) / (std::log(max_) - std::log(min_));
  return (value - min_) / (max_ - min_);
}

QRectF ColorBarItem::boundingRect() const { return QRectF(0, -24, kReserve, height_ + 34); }

void ColorBarItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  QLinearGradient gradient(0, height_, 0, 0);  // minimum at the bottom
  for (int i = 0; i <= 16; ++i) gradient.setColorAt(i / 16.0, viridis(i / 16.0));
  const QRectF bar(0, 0, kWidth, height_);
  painter->fillRect(bar, gradient);
  painter->setPen(QPen(Qt::darkGray, 0.8));
  painter->drawRect(bar);

  painter->setPen(Qt::black);
  QFont font = painter->font();
  font.setPixelSize(11);  // scene pixels, like the chart's own labels
  painter->setFont(font);
  const QFontMetricsF metrics(font);
  painter->drawText(QPointF(-4, -10), title_);

  // Ticks: the ends and up to three values between, at round numbers where the scale allows.
  std::vector<double> ticks{min_, max_};
  if (max_ > min_) {
    if (log_) {
      for (double decade = std::pow(10.0, std::ceil(std::log10(min_))); decade < max_; decade *= 10)
        if (fraction(decade) > 0.08 && fraction(decade) < 0.92) ticks.push_back(decade);
    } else {
      for (int i = 1; i < 4; ++i) ticks.push_back(std::round(min_ + (max_ - min_) * i / 4.0));
    }
  }
  for (double tick : ticks) {
    const double y = height_ * (1 - std::clamp(fraction(tick), 0.0, 1.0));
    painter->drawLine(QPointF(kWidth, y), QPointF(kWidth + 4, y));
    painter->drawText(QPointF(kWidth + 6, y + metrics.ascent() / 2 - 1), QString::number(tick, 'g', 6));
  }
}

}  // namespace miwb::charts
