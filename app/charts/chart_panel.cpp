#include "charts/chart_panel.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QToolTip>

#include "charts/base_chart.h"
#include "charts/nice_ticks.h"

namespace miwb::charts {

ChartPanel::ChartPanel(BaseChart* chart, QWidget* parent)
    : QChartView(chart, parent), chart_(chart), rubberBand_(new QRubberBand(QRubberBand::Rectangle, viewport())) {
  setRenderHint(QPainter::Antialiasing);
  setRubberBand(QChartView::NoRubberBand);  // ours, below, never forwards presses to the scene
  setMinimumSize(260, 220);
  viewport()->setMouseTracking(true);
  viewport()->installEventFilter(this);
  setToolTip(tr("Drag to zoom into a rectangle; double-click or right-click to reset. Hover a point for its values."));
}

void ChartPanel::resetZoom() {
  chart_->zoomReset();
  Q_EMIT zoomChanged();
}

QPointF ChartPanel::toChart(QPoint viewportPos) const { return chart_->mapFromScene(mapToScene(viewportPos)); }

bool ChartPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched != viewport()) return QChartView::eventFilter(watched, event);
  switch (event->type()) {
    case QEvent::MouseButtonPress: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() == Qt::LeftButton) {
        pressAt_ = mouse->position().toPoint();
        dragging_ = true;
        rubberBand_->setGeometry(QRect(pressAt_, QSize()));
        rubberBand_->show();
      } else if (mouse->button() == Qt::RightButton) {
        resetZoom();
      }
      return true;
    }
    case QEvent::MouseMove: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      if (dragging_)
        rubberBand_->setGeometry(QRect(pressAt_, mouse->position().toPoint()).normalized());
      else
        showToolTip(mouse->position().toPoint(), mouse->globalPosition().toPoint());
      return true;
    }
    case QEvent::MouseButtonRelease: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      if (dragging_ && mouse->button() == Qt::LeftButton) {
        dragging_ = false;
        rubberBand_->hide();
        const QRect band = QRect(pressAt_, mouse->position().toPoint()).normalized();
        if (band.width() <= 4 && band.height() <= 4) Q_EMIT clicked(toChart(mouse->position().toPoint()));
        if (band.width() > 4 && band.height() > 4) {
          const QRectF area = QRectF(toChart(band.topLeft()), toChart(band.bottomRight())).normalized();
          const QRectF zoom = area.intersected(chart_->plotArea());
          if (zoom.width() > 2 && zoom.height() > 2) {
            chart_->zoomIn(zoom);
            snapZoomToNiceRanges(chart_);
            Q_EMIT zoomChanged();
          }
        }
      }
      return true;
    }
    case QEvent::MouseButtonDblClick:
      resetZoom();
      return true;
    case QEvent::ToolTip: {
      // Qt asks for a tooltip after the mouse rests: the point's values while it is on a point (not
      // the view's generic help, which would replace them after a second), else that help.
      auto* help = static_cast<QHelpEvent*>(event);
      const QString text = chart_->toolTipAt(toChart(help->pos()));
      QToolTip::showText(help->globalPos(), text.isEmpty() ? toolTip() : text, viewport());
      return true;
    }
    case QEvent::Leave:
      QToolTip::hideText();
      return false;
    default:
      return QChartView::eventFilter(watched, event);
  }
}

void ChartPanel::showToolTip(QPoint viewportPos, QPoint globalPos) {
  const QString text = chart_->toolTipAt(toChart(viewportPos));
  if (text.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(globalPos, text, viewport());
}

}  // namespace miwb::charts
