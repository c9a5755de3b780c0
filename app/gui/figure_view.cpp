#include "figure_view.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "charts/chart_panel.h"
#include "export_dialog.h"

namespace miwb::gui {

FigureView::FigureView(QWidget* parent) : QWidget(parent), toolBar_(new QHBoxLayout), grid_(new QGridLayout) {
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(toolBar_);
  layout->addLayout(grid_, 1);
}

void FigureView::finishToolBar() {
  toolBar_->addStretch(1);
  auto* reset = new QPushButton("Reset zoom");
  reset->setObjectName("resetZoom");
  reset->setToolTip("Show all data again (or double-click a chart). Drag a rectangle on a chart to zoom in.");
  auto* exporter = new QPushButton("Export figure…");
  exporter->setObjectName("exportFigure");
  exporter->setToolTip("Save this view as PNG (chosen size and DPI), SVG or PDF (vector), and its data as CSV.");
  toolBar_->addWidget(reset);
  toolBar_->addWidget(exporter);
  connect(reset, &QPushButton::clicked, this, &FigureView::resetZoom);
  connect(exporter, &QPushButton::clicked, this, &FigureView::exportWithDialog);
}

void FigureView::setPanels(QList<charts::ChartPanel*> panels, int columns) {
  for (charts::ChartPanel* old : panels_) delete old;
  panels_ = std::move(panels);
  for (int i = 0; i < panels_.size(); ++i) grid_->addWidget(panels_[i], i / columns, i % columns);
}

void FigureView::resetZoom() {
  for (charts::ChartPanel* panel : panels_) panel->resetZoom();
}

Status FigureView::exportTo(const QString& path, const charts::ExportOptions& options) const {
  return charts::exportFigure(figure(), path, options);
}

void FigureView::exportWithDialog() {
  if (figure().empty()) {
    QMessageBox::information(this, "Export figure", "There is nothing to export yet: run an experiment first.");
    return;
  }
  ExportDialog dialog(figure().name(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  if (Status s = exportTo(dialog.path(), dialog.options()); !s)
    QMessageBox::warning(this, "Export figure", QString::fromStdString(s.message()));
}

}  // namespace miwb::gui
