#pragma once
// The common frame of the chart views: a tool bar (the view adds its controls, then Reset zoom and
// Export…) over a grid of chart panels, and export of the view's figure to PNG, SVG, PDF or CSV.
#include <QList>
#include <QWidget>

#include "charts/figure_export.h"

class QHBoxLayout;
class QGridLayout;
class QLabel;
class QStackedWidget;

namespace miwb::charts {
class ChartPanel;
}

namespace miwb::gui {

class FigureView : public QWidget {
  Q_OBJECT
 public:
  explicit FigureView(QWidget* parent = nullptr);

  virtual const charts::Figure& figure() const = 0;
  QList<charts::ChartPanel*> panels() const { return panels_; }
  Status exportTo(const QString& path, const charts::ExportOptions& options) const;
  void resetZoom();

 public Q_SLOTS:
  void exportWithDialog();

 Q_SIGNALS:
  // After a successful export: what was written, in a sentence for the status bar and the log.
  void exported(const QString& message);

 protected:
  QHBoxLayout* toolBar() const { return toolBar_; }
  void finishToolBar();  // adds Reset zoom and Export… after the view's own controls
  void setPanels(QList<charts::ChartPanel*> panels, int columns);
  // While the figure is empty the view shows `text` (what to do to fill it) instead of empty
  // axes; showPlaceholderIfEmpty() switches between the two.
  void setPlaceholder(const QString& text);
  void showPlaceholderIfEmpty();

 public:
  QLabel* placeholder() const { return placeholder_; }
  bool showsPlaceholder() const;

 private:

 private:
  QHBoxLayout* toolBar_;
  QGridLayout* grid_;
  QStackedWidget* stack_;
  QLabel* placeholder_;
  bool usePlaceholder_ = false;
  QList<charts::ChartPanel*> panels_;
};

}  // namespace miwb::gui
