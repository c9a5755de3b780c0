#pragma once
// The scaling view: estimate against N (mean, +/- 1 std band, dashed true values) and run time against
// N on log-log axes, side by side; bits/nats, zoom, export. Fills in as tasks finish.
#include <QTimer>

#include "charts/figure.h"
#include "views/figure_view.h"

class QComboBox;

namespace miwb::gui {

class ScalingView : public FigureView {
  Q_OBJECT
 public:
  explicit ScalingView(QWidget* parent = nullptr);

  const charts::Figure& figure() const override { return figure_; }
  const charts::ScalingData& data() const { return figure_.data; }
  void reset();
  void addRows(const std::vector<ResultRow>& rows);
  void setBits(bool bits);

 private:
  void redraw();

  charts::ScalingFigure figure_;
  QComboBox* units_;
  QTimer redrawTimer_;
};

}  // namespace miwb::gui
