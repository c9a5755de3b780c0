#include "charts/figure_style.h"

#include <QAbstractAxis>
#include <QAreaSeries>
#include <QChart>
#include <QScatterSeries>
#include <QXYSeries>

#include "charts/base_chart.h"
#include "charts/color_bar_item.h"
#include "charts/legend_item.h"

namespace miwb::charts {

const std::vector<FigurePreset>& figurePresets() {
  // Journal columns (3.5 in and 7 in, as most journals' author guides give them); a slide at half
  // of a 13.33 x 7.5 in 16:9 slide, so that its 7.5-9 pt text reads 15-18 pt when placed full-slide.
  static const std::vector<FigurePreset> presets{
      {"single-column", "Single column (3.5 in)", 3.5, 2.6, 1, {}},
      {"double-column", "Double column (7 in)", 7.0, 2.6, 3, {}},
      {"slide", "Slide (16:9, 6.67 x 3.75 in)", 6.67, 3.75, 3, {10, 11, 12, 1.6, 6, 0.67}},
  };
  return presets;
}

const FigurePreset* figurePreset(const QString& id) {
  for (const FigurePreset& preset : figurePresets())
    if (preset.id == id) return &preset;
  return nullptr;
}

namespace {
QFont sized(QFont font, int pixels) {
  font.setPixelSize(pixels);
  return font;
}
}  // namespace

void applyStyle(QChart& chart, const FigureStyle& style) {
  chart.setTitleFont(sized(chart.titleFont(), style.headingPx));
  auto* base = dynamic_cast<BaseChart*>(&chart);
  if (base) {
    base->legendItem()->setFontPixels(style.labelPx);
    base->setBaseMargins(QMargins(2, 2, chart.margins().right() > 20 ? chart.margins().right() : 4, 2));
  }
  for (QAbstractAxis* axis : chart.axes()) {
    axis->setLabelsFont(sized(axis->labelsFont(), style.labelPx));
    axis->setTitleFont(sized(axis->titleFont(), style.titlePx));
    QPen line = axis->linePen();
    line.setWidthF(style.framePx);
    axis->setLinePen(line);
    QPen grid = axis->gridLinePen();
    grid.setWidthF(style.framePx);
    axis->setGridLinePen(grid);
  }
  for (QAbstractSeries* series : chart.series()) {
    if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
      scatter->setMarkerSize(style.markerPx);
      QPen border = scatter->pen();
      border.setWidthF(style.framePx);
      scatter->setPen(border);
    } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
      QPen pen = xy->pen();
      // Dashed reference lines stay a little thinner than the data, as on screen.
      pen.setWidthF(pen.style() == Qt::SolidLine ? style.linePx : 0.75 * style.linePx);
      xy->setPen(pen);
      if (xy->pointsVisible()) xy->setMarkerSize(style.markerPx);
    }
  }
  for (QGraphicsItem* child : chart.childItems())
    if (auto* bar = dynamic_cast<ColorBarItem*>(child)) bar->setFontPixels(style.labelPx, style.titlePx);
  if (base) base->refreshLegend();  // the samples show the new pens
}

}  // namespace miwb::charts
