#include "views/plane_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>

#include "charts/chart_panel.h"
#include "charts/palette.h"

namespace miwb::gui {

PlaneView::PlaneView(QWidget* parent) : FigureView(parent), units_(new QComboBox), toggleBar_(new QWidget) {
  units_->addItem("bits", true);
  units_->addItem("nats", false);
  units_->setObjectName("units");
  units_->setToolTip("Units of the axes (information planes are conventionally drawn in bits)");
  // The layer toggles get a row of their own below the tool bar, scrolling sideways when a store
  // has more layers than fit: squeezed into the tool bar they were cut to "ye" at 1280 px, and
  // their width pushed the window wider.
  auto* toggles = new QHBoxLayout(toggleBar_);
  toggles->setContentsMargins(0, 0, 0, 0);
  toggles->addWidget(new QLabel("Layers:"));
  toggles->addStretch(1);
  auto* toggleRow = new QScrollArea;
  toggleRow->setObjectName("layerToggles");
  toggleRow->setWidget(toggleBar_);
  toggleRow->setWidgetResizable(true);
  toggleRow->setFrameShape(QFrame::NoFrame);
  toggleRow->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  toggleRow->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  toggleRow->setFixedHeight(QToolButton().sizeHint().height() + 8 +
                            toggleRow->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
  static_cast<QBoxLayout*>(layout())->insertWidget(1, toggleRow);
  toolBar()->addWidget(new QLabel("Units:"));
  toolBar()->addWidget(units_);
  auto* errorBars = new QToolButton;
  errorBars->setText("Error bars");
  errorBars->setObjectName("error-bars");
  errorBars->setCheckable(true);
  errorBars->setChecked(figure_.options.errorBars);
  errorBars->setToolTip("Show each point's intervals in both directions (runs with \"uncertainty\")");
  connect(errorBars, &QToolButton::toggled, this, [this](bool on) {
    figure_.options.errorBars = on;
    applyOptions();
  });
  toolBar()->addSpacing(12);
  toolBar()->addWidget(errorBars);
  finishToolBar();
  connect(units_, &QComboBox::currentIndexChanged, this, [this] { setBits(units_->currentData().toBool()); });

  // Coalesce redraws: a run may deliver hundreds of rows a second.
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(150);
  connect(&redrawTimer_, &QTimer::timeout, this, &PlaneView::redraw);
  reset({});
}

QList<charts::PlaneChart*> PlaneView::charts() const {
  QList<charts::PlaneChart*> out;
  for (charts::ChartPanel* panel : panels()) out.append(static_cast<charts::PlaneChart*>(panel->baseChart()));
  return out;
}

void PlaneView::reset(const QStringList& estimators) {
  figure_.data.clear();
  figure_.data.setEstimatorOrder(estimators);
  for (QToolButton* toggle : toggles_) delete toggle;
  toggles_.clear();
  QList<charts::ChartPanel*> panels;
  for (const QString& estimator : estimators)
    panels.append(new charts::ChartPanel(new charts::PlaneChart(&figure_.data, estimator, figure_.options)));
  // Two panels side by side, more in a grid of up to three across.
  setPanels(panels, std::min<int>(3, std::max<int>(1, static_cast<int>(estimators.size()))));
}

void PlaneView::addRows(const std::vector<ResultRow>& rows) {
  bool any = false;
  for (const ResultRow& row : rows) any = figure_.data.add(row) || any;
  if (any && !redrawTimer_.isActive()) redrawTimer_.start();
}

void PlaneView::redraw() {
  const QStringList layers = figure_.data.allLayers();
  auto* row = static_cast<QHBoxLayout*>(toggleBar_->layout());
  for (int i = 0; i < layers.size(); ++i) {
    QToolButton* toggle = toggles_.value(layers[i]);
    if (!toggle) {
      toggle = new QToolButton;
      toggle->setText(layers[i]);
      toggle->setObjectName("layer-" + layers[i]);
      toggle->setCheckable(true);
      toggle->setChecked(!figure_.options.hiddenLayers.contains(layers[i]));
      toggle->setToolTip("Show or hide layer " + layers[i]);
      connect(toggle, &QToolButton::toggled, this, [this, name = layers[i]](bool on) { setLayerVisible(name, on); });
      toggles_.insert(layers[i], toggle);
    }
    // The colour of the layer's place in the store, as its curves; the toggle at its place.
    const QString colour = charts::categoricalColor(figure_.data.colourIndex(layers[i])).name();
    if (toggle->property("colour").toString() != colour) {
      toggle->setProperty("colour", colour);
      toggle->setStyleSheet(QStringLiteral("QToolButton { padding: 2px 6px; border: 1px solid #aaa; border-radius: 3px; }"
                                           "QToolButton:checked { border-bottom: 3px solid %1; background: #eef; }")
                                .arg(colour));
    }
    if (row->indexOf(toggle) != 1 + i) {
      row->removeWidget(toggle);
      row->insertWidget(1 + i, toggle);  // after the "Layers:" label
    }
  }
  for (charts::PlaneChart* chart : charts()) chart->refresh();
}

void PlaneView::setBits(bool bits) {
  figure_.options.bits = bits;
  const QSignalBlocker block(units_);
  units_->setCurrentIndex(bits ? 0 : 1);
  applyOptions();
}

void PlaneView::setLayerVisible(const QString& layer, bool visible) {
  if (visible)
    figure_.options.hiddenLayers.remove(layer);
  else
    figure_.options.hiddenLayers.insert(layer);
  if (QToolButton* toggle = toggles_.value(layer)) {
    const QSignalBlocker block(toggle);
    toggle->setChecked(visible);
  }
  applyOptions();
}

void PlaneView::applyOptions() {
  for (charts::PlaneChart* chart : charts()) {
    chart->zoomReset();  // the old zoom window means nothing in other units or with other layers
    chart->setOptions(figure_.options);
  }
}

}  // namespace miwb::gui
