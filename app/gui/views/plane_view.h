#pragma once
// The information-plane view: one chart per estimator, layer toggles, bits/nats, zoom, export.
// Rows arrive while the run goes on; the charts are redrawn at most a few times a second.
#include <QMap>
#include <QTimer>

#include "charts/figure.h"
#include "views/figure_view.h"

class QComboBox;
class QToolButton;

namespace miwb::gui {

class PlaneView : public FigureView {
  Q_OBJECT
 public:
  explicit PlaneView(QWidget* parent = nullptr);

  const charts::Figure& figure() const override { return figure_; }
  const charts::PlaneData& data() const { return figure_.data; }
  QList<charts::PlaneChart*> charts() const;

  void reset(const QStringList& estimators);  // a new run: empty panels, one per estimator
  void addRows(const std::vector<ResultRow>& rows);
  void setBits(bool bits);
  void setLayerVisible(const QString& layer, bool visible);
  QToolButton* layerToggle(const QString& layer) const { return toggles_.value(layer); }
  QComboBox* unitBox() const { return units_; }

 private:
  void redraw();
  void applyOptions();

  charts::PlaneFigure figure_;
  QComboBox* units_;
  QWidget* toggleBar_;
  QMap<QString, QToolButton*> toggles_;
  QTimer redrawTimer_;
};

}  // namespace miwb::gui
