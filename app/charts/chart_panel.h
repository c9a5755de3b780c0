#pragma once
// A view of one BaseChart with rubber-band zoom, reset and tooltips, done by us rather than by
// Qt Charts. Why: Debian's Qt 6.4.2 has Qt Charts crashes on mouse presses and on clicks on scatter
// points (fixed upstream in 6.5.3/6.6.1). An event filter on the viewport takes every mouse press,
// release, double click and move before QGraphicsView turns them into scene events, so no series
// ever receives a press, click or hover event: the crashing code paths are never entered. Zoom,
// reset (double click, right click or resetZoom()) and tooltips work from the raw viewport events.
#include <QChartView>

class QRubberBand;

namespace miwb::charts {

class BaseChart;

class ChartPanel : public QChartView {
  Q_OBJECT
 public:
  explicit ChartPanel(BaseChart* chart, QWidget* parent = nullptr);

  BaseChart* baseChart() const { return chart_; }
  void resetZoom();

 Q_SIGNALS:
  void zoomChanged();
  // A left click without a drag, in chart item coordinates.
  void clicked(QPointF chartPos);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void showToolTip(QPoint viewportPos, QPoint globalPos);
  QPointF toChart(QPoint viewportPos) const;

  BaseChart* chart_;
  QRubberBand* rubberBand_;
  QPoint pressAt_;
  bool dragging_ = false;
};

}  // namespace miwb::charts
