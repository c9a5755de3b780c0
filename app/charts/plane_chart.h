#pragma once
// One estimator's information plane: I(X;T) across, I(T;Y) up, one curve per layer through the
// epochs (line in the layer's colour), each point coloured by its epoch on viridis, with a colour
// bar. refresh() re-reads the data, so the chart fills in while a run goes on.
#include <QSet>
#include <map>

#include "charts/base_chart.h"
#include "charts/plane_data.h"

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace miwb::charts {

class ColorBarItem;
class ErrorBarItem;

struct PlaneOptions {
  bool bits = true;
  bool errorBars = true;  // draw each point's intervals (when the run has them) in both directions
  QSet<QString> hiddenLayers;
};

class PlaneChart : public BaseChart {
  Q_OBJECT
 public:
  // `data` must outlive the chart.
  PlaneChart(const PlaneData* data, QString estimator, PlaneOptions options = {});

  void setOptions(const PlaneOptions& options);
  const PlaneOptions& options() const { return options_; }
  void refresh();

  QString estimator() const { return estimator_; }
  // The scatter series of a layer (nullptr before the layer has data): tests click on its points.
  QScatterSeries* markers(const QString& layer) const;
  // The epoch colour bar (its ticks are checked against the tick rules).
  const ColorBarItem* colorBar() const { return colorBar_; }

 protected:
  QString describePoint(const QXYSeries* series, int index) const override;

 private:
  struct LayerSeries {
    QLineSeries* line = nullptr;
    QScatterSeries* markers = nullptr;
    std::vector<PlanePoint> points;
  };
  LayerSeries& layerSeries(const QString& layer, int colour);
  // Series are added in layer order, which is also the legend's: a layer arriving before others
  // it precedes in the store (a resumed run, rows in any order) has them all re-created.
  void keepLayerOrder(const QStringList& present);
  void placeColorBar();

  const PlaneData* data_;
  QString estimator_;
  PlaneOptions options_;
  std::map<QString, LayerSeries> layers_;
  QStringList seriesOrder_;  // the layers of layers_ in the order their series were added
  QValueAxis* xAxis_;
  QValueAxis* yAxis_;
  ColorBarItem* colorBar_;
  ErrorBarItem* errorBars_;
};

}  // namespace miwb::charts
