#include "views/scaling_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

#include "charts/chart_panel.h"

namespace miwb::gui {

ScalingView::ScalingView(QWidget* parent) : FigureView(parent), units_(new QComboBox) {
  units_->addItem("bits", true);
  units_->addItem("nats", false);
  units_->setObjectName("units");
  toolBar()->addWidget(new QLabel("Units:"));
  toolBar()->addWidget(units_);
  finishToolBar();
  connect(units_, &QComboBox::currentIndexChanged, this, [this] { setBits(units_->currentData().toBool()); });
  QList<charts::ChartPanel*> panels;
  for (auto mode : {charts::ScalingChart::Mode::Estimate, charts::ScalingChart::Mode::Runtime})
    panels.append(new charts::ChartPanel(new charts::ScalingChart(&figure_.data, mode, figure_.bits)));
  setPanels(panels, 2);
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(150);
  connect(&redrawTimer_, &QTimer::timeout, this, &ScalingView::redraw);
  setPlaceholder("No scaling results yet.\n\nChoose the kind \"Scaling (estimate against N)\" in the Experiment "
                 "panel, a dataset with pairs (X, Y) such as gaussian, one or more estimators and the sample sizes "
                 "N, then press Run; or open File > Open example > ksg-vs-n.\nThe estimates against N and the run "
                 "times appear here as the tasks finish.");
}

void ScalingView::reset() {
  figure_.data.clear();
  resetZoom();
  redraw();
}

void ScalingView::addRows(const std::vector<ResultRow>& rows) {
  bool any = false;
  for (const ResultRow& row : rows) any = figure_.data.add(row) || any;
  if (any && !redrawTimer_.isActive()) redrawTimer_.start();
}

void ScalingView::setBits(bool bits) {
  figure_.bits = bits;
  const QSignalBlocker block(units_);
  units_->setCurrentIndex(bits ? 0 : 1);
  for (charts::ChartPanel* panel : panels()) {
    auto* chart = static_cast<charts::ScalingChart*>(panel->baseChart());
    chart->zoomReset();
    chart->setBits(bits);
  }
}

void ScalingView::redraw() {
  for (charts::ChartPanel* panel : panels()) static_cast<charts::ScalingChart*>(panel->baseChart())->refresh();
  showPlaceholderIfEmpty();
}

}  // namespace miwb::gui
