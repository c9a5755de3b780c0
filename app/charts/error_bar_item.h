#pragma once
// Error bars in both directions drawn over a chart's plot area: for each point a horizontal bar
// over its x interval and a vertical bar over its y interval, in its series' colour. Values are in
// the chart's units; positions are mapped through the series' axes at paint time, so zooming and
// resizing need only a repaint. Drawn as part of the scene, so exported figures carry it too.
#include <QColor>
#include <QGraphicsItem>
#include <QPointF>
#include <vector>

class QAbstractSeries;
class QChart;

namespace miwb::charts {

struct ErrorBar {
  QPointF at;
  double xLow = 0, xHigh = 0, yLow = 0, yHigh = 0;
};

class ErrorBarItem : public QGraphicsItem {
 public:
  explicit ErrorBarItem(QChart* chart);

  void clear();
  // `series` gives the axes to map through.
  void add(const QAbstractSeries* series, QColor colour, std::vector<ErrorBar> bars);
  // Call when the plot area moved or the axes changed.
  void refresh();
  int barCount() const;

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  struct Group {
    const QAbstractSeries* series;
    QColor colour;
    std::vector<ErrorBar> bars;
  };
  QChart* chart_;
  std::vector<Group> groups_;
};

}  // namespace miwb::charts
