#include "views/figure_view.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "charts/chart_panel.h"
#include "dialogs/export_dialog.h"

namespace miwb::gui {

FigureView::FigureView(QWidget* parent)
    : QWidget(parent), toolBar_(new QHBoxLayout), grid_(new QGridLayout), stack_(new QStackedWidget),
      placeholder_(new QLabel) {
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(toolBar_);
  auto* charts = new QWidget;
  charts->setLayout(grid_);
  grid_->setContentsMargins(0, 0, 0, 0);
  placeholder_->setObjectName("placeholder");
  placeholder_->setAlignment(Qt::AlignCenter);
  placeholder_->setWordWrap(true);
  placeholder_->setStyleSheet("color: #555; font-size: 14px; padding: 40px;");
  stack_->addWidget(charts);
  stack_->addWidget(placeholder_);
  layout->addWidget(stack_, 1);
}

void FigureView::setPlaceholder(const QString& text) {
  placeholder_->setText(text);
  usePlaceholder_ = true;
  showPlaceholderIfEmpty();
}

void FigureView::showPlaceholderIfEmpty() {
  stack_->setCurrentIndex(usePlaceholder_ && figure().empty() ? 1 : 0);
}

bool FigureView::showsPlaceholder() const { return stack_->currentIndex() == 1; }

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
  ExportDialog dialog(figure(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const charts::ExportOptions options = dialog.options();
  if (Status s = exportTo(dialog.path(), options); !s) {
    QMessageBox::warning(this, "Export figure", QString::fromStdString(s.message()));
    return;
  }
  QString message = "Exported the figure to " + dialog.path();
  if (options.withData) {
    const QFileInfo info(dialog.path());
    message += " and its data to " + info.path() + "/" + info.completeBaseName() + ".csv";
  }
  Q_EMIT exported(message);
}

}  // namespace miwb::gui
