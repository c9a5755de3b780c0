#pragma once
// A table of coloured cells drawn as a chart (so that it exports like every figure): named rows,
// columns grouped under family headings below them, a text in every cell, a colour bar to the right
// and an optional footnote. The benchmark heatmap and its samples-needed table are two such charts.
#include <QColor>
#include <QGraphicsItem>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

#include "charts/base_chart.h"

namespace miwb::charts {

struct MatrixCell {
  QString text;  // empty: no data (drawn as a light grey cell)
  QColor fill = QColor(235, 235, 235);
  QString toolTip;
};

struct ColourScale {
  std::function<QColor(double)> map;
  double minimum = -1, maximum = 1;
  std::vector<std::pair<double, QString>> ticks;  // (value, label)
  QString title;
};

struct MatrixModel {
  QString title;
  QStringList rows;
  QStringList columns;
  QStringList columnGroups;  // one per column; adjacent equal names form a group; empty: none
  std::vector<std::vector<MatrixCell>> cells;  // [row][column]
  std::optional<int> separatorAfterRow;        // a rule under this row (the "True MI" row)
  ColourScale scale;
  QString footnote;
};

class MatrixChart : public BaseChart {
  Q_OBJECT
 public:
  // `build` is asked for the model at every refresh (live updates).
  explicit MatrixChart(std::function<MatrixModel()> build, QGraphicsItem* parent = nullptr);

  void refresh();
  const MatrixModel& model() const { return model_; }
  // (row, column) of the cell under `chartPos` (chart item coordinates).
  std::optional<std::pair<int, int>> cellAt(QPointF chartPos) const;
  QString toolTipAt(QPointF chartPos, double radius = 10) override;
  // The height (logical pixels) that shows `model` at `width` with rows of full height and nothing
  // cut off; needs a QGuiApplication (it measures the labels).
  static double preferredHeight(const MatrixModel& model, double width);

 private:
  class Painter;
  std::function<MatrixModel()> build_;
  MatrixModel model_;
  Painter* painter_;
};

}  // namespace miwb::charts
