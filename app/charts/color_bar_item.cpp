#include "charts/color_bar_item.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <cmath>

#include "charts/nice_ticks.h"
#include "charts/viridis.h"

namespace miwb::charts {

ColorBarItem::ColorBarItem(QGraphicsItem* parent) : QGraphicsItem(parent) {}

void ColorBarItem::setRange(double minimum, double maximum, bool logScale) {
  prepareGeometryChange();
  min_ = minimum;
  max_ = maximum;
  // A log scale with fewer than two decades inside would carry one tick or none.
  log_ = logScale && minimum > 0 && maximum > minimum &&
         std::floor(std::log10(maximum) + 1e-9) - std::ceil(std::log10(minimum) - 1e-9) >= 1;
  update();
}

void ColorBarItem::setFontPixels(int labels, int title) {
  prepareGeometryChange();
  labelPixels_ = labels;
  titlePixels_ = title;
  update();
}

void ColorBarItem::setIntegerTicks(bool integers) {
  integers_ = integers;
  update();
}

std::vector<double> ColorBarItem::ticks() const {
  if (!(max_ > min_)) return {min_};
  if (!log_ && !integers_) return niceTicks(min_, max_, 4);
  if (!log_) {
    // The nice step, but never below 1 nor 2.5 (2 instead): epochs 0.5 and 1.5 do not exist.
    double step = std::max(1.0, niceStep(max_ - min_, 4));
    if (std::abs(step - 2.5) < 1e-9) step = 2;
    std::vector<double> values;
    for (double k = std::ceil(min_ / step - 1e-9); k * step <= max_ + 1e-9 * step; ++k) values.push_back(k * step);
    return values;
  }
  std::vector<double> decades;
  for (double decade = std::pow(10.0, std::ceil(std::log10(min_) - 1e-9)); decade <= max_ * (1 + 1e-9); decade *= 10)
    decades.push_back(decade);
  return decades;
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

// Everything paint() draws lies inside, the title included: anything outside would be left on
// screen when the item changes (a stray glyph of the old title after a unit switch).
QRectF ColorBarItem::boundingRect() const { return QRectF(-2, -titlePixels_ - 14, kReserve + 2, height_ + titlePixels_ + 24); }

void ColorBarItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  QLinearGradient gradient(0, height_, 0, 0);  // minimum at the bottom
  for (int i = 0; i <= 16; ++i) gradient.setColorAt(i / 16.0, viridis(i / 16.0));
  const QRectF bar(0, 0, kWidth, height_);
  painter->fillRect(bar, gradient);
  painter->setPen(QPen(Qt::darkGray, 0.8));
  painter->drawRect(bar);

  painter->setPen(Qt::black);
  QFont font = painter->font();
  font.setPixelSize(titlePixels_);  // scene pixels, like the chart's own labels
  painter->setFont(font);
  painter->drawText(QPointF(0, -8), title_);
  font.setPixelSize(labelPixels_);
  painter->setFont(font);
  const QFontMetricsF metrics(font);
  const std::vector<double> values = ticks();
  const double step = values.size() > 1 ? values[1] - values[0] : 1;
  for (double tick : values) {
    const double y = height_ * (1 - std::clamp(fraction(tick), 0.0, 1.0));
    painter->drawLine(QPointF(kWidth, y), QPointF(kWidth + 4, y));
    painter->drawText(QPointF(kWidth + 6, y + metrics.ascent() / 2 - 1),
                      log_ ? QString::number(tick, 'g', 6) : tickLabel(tick, step));
  }
}

}  // namespace miwb::charts
