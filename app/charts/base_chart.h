#pragma once
// The common base of our charts: a white, square-cornered QChart that can describe the data point
// nearest to a position (for tooltips drawn by ChartPanel, which never lets mouse events reach the
// series themselves; see chart_panel.h for why).
#include <QChart>
#include <QMargins>
#include <QString>
#include <QStringList>

class QXYSeries;

namespace miwb::charts {

class LegendItem;

class BaseChart : public QChart {
  Q_OBJECT
 public:
  explicit BaseChart(QGraphicsItem* parent = nullptr);

  // Text for the point of a tooltip-carrying series nearest to `chartPos` (chart item coordinates),
  // if one lies within `radius` pixels; empty otherwise.
  QString toolTipAt(QPointF chartPos, double radius = 10);

  // Series whose points get tooltips (markers, not the lines between them).
  void enableToolTips(QXYSeries* series);

  // The legend (ours, below the plot; Qt's is hidden): one entry per series added to it, while the
  // series is visible. refreshLegend() re-reads names, pens and visibility.
  void addToLegend(QXYSeries* series, bool withMarker = false);
  void refreshLegend();
  QStringList legendNames() const;
  LegendItem* legendItem() const { return legend_; }
  // Margins around plot and axes; the legend's rows are added below.
  void setBaseMargins(const QMargins& margins);

 protected:
  virtual QString describePoint(const QXYSeries* series, int index) const;

 private:
  void placeLegend();

  LegendItem* legend_;
  QMargins baseMargins_{8, 8, 8, 8};
};

}  // namespace miwb::charts
