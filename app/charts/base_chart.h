#pragma once
// The common base of our charts: a white, square-cornered QChart that can describe the data point
// nearest to a position (for tooltips drawn by ChartPanel, which never lets mouse events reach the
// series themselves; see chart_panel.h for why).
#include <QChart>
#include <QString>

class QXYSeries;

namespace miwb::charts {

class BaseChart : public QChart {
  Q_OBJECT
 public:
  explicit BaseChart(QGraphicsItem* parent = nullptr);

  // Text for the point of a tooltip-carrying series nearest to `chartPos` (chart item coordinates),
  // if one lies within `radius` pixels; empty otherwise.
  virtual QString toolTipAt(QPointF chartPos, double radius = 10);

  // Series whose points get tooltips (markers, not the lines between them).
  void enableToolTips(QXYSeries* series);

 protected:
  virtual QString describePoint(const QXYSeries* series, int index) const;
};

}  // namespace miwb::charts
