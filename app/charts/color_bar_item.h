#pragma once
// A vertical colour bar drawn inside a chart's scene (so that it is part of every exported figure):
// the viridis map from the smallest to the largest value, with a title and a few tick labels.
#include <QGraphicsItem>
#include <QString>
#include <vector>

namespace miwb::charts {

class ColorBarItem : public QGraphicsItem {
 public:
  explicit ColorBarItem(QGraphicsItem* parent = nullptr);

  // Log scale places the ticks (and the colours, see colorFor) by the logarithm of the value.
  void setRange(double minimum, double maximum, bool logScale);
  // Values that only come as integers (epochs): ticks at integers only, at steps of 1, 2, 5 x 10^k.
  void setIntegerTicks(bool integers);
  void setTitle(const QString& title);
  // The bar occupies `plotHeight` pixels from its origin; the labels go to its right.
  void setBarHeight(double plotHeight);
  // Scene pixels of the tick labels and of the title (print styles make them smaller).
  void setFontPixels(int labels, int title);
  // The values that get a tick: decades on a log scale (when it spans two or more), else the
  // multiples of a nice step (charts/nice_ticks.h).
  std::vector<double> ticks() const;

  // The fraction along the map for `value` (0 at the minimum, 1 at the maximum).
  double fraction(double value) const;

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  static constexpr double kWidth = 14;   // of the bar itself
  static constexpr double kReserve = 80; // horizontal room the bar and its labels need

 private:
  double min_ = 0, max_ = 1;
  bool log_ = false;
  bool integers_ = false;
  double height_ = 100;
  int labelPixels_ = 11, titlePixels_ = 11;
  QString title_;
};

}  // namespace miwb::charts
