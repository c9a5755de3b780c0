#pragma once
// The information-plane numbers of a run: for each estimator, layer and epoch the pair
// (I(X;T), I(T;Y)) in nats, collected from result rows as they arrive in any order.
#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <vector>

#include "miwb/host/run/result_row.h"

namespace miwb::charts {

struct PlanePoint {
  int epoch = 0;
  double ixtNats = 0;
  double ityNats = 0;
  // Intervals (host/uncertainty.h) when the run asked for them: both or neither.
  std::optional<std::pair<double, double>> ixtInterval, ityInterval;
};

class PlaneData {
 public:
  // Keeps successful I(X;T) / I(T;Y) rows that name a layer and an epoch; returns whether it kept it.
  bool add(const ResultRow& row);
  void clear();
  bool empty() const { return byEstimator_.empty(); }

  // Estimators in the order they were first seen (or set). Layers in the store's order (the rows'
  // layer positions); layers of rows without one (journals written before positions were recorded)
  // follow in natural order (layer2 < layer10).
  QStringList estimators() const { return estimatorOrder_; }
  void setEstimatorOrder(const QStringList& labels);
  QStringList layers(const QString& estimator) const;
  QStringList allLayers() const;
  // The layer's colour index: its place in the store, so that a layer keeps its colour whichever
  // layers a run measured or has delivered so far; its place in allLayers() when unknown.
  int colourIndex(const QString& layer) const;
  // Epochs with both quantities, sorted by epoch.
  std::vector<PlanePoint> curve(const QString& estimator, const QString& layer) const;
  // Smallest and largest epoch with both quantities over all curves; nullopt when there is none.
  std::optional<std::pair<int, int>> epochRange() const;

  // The data behind the figure: estimator, layer, epoch, I(X;T), I(T;Y) in the given unit, then each
  // one's interval (empty when the run asked for none).
  QString toCsv(bool bits) const;

 private:
  struct Pair {
    std::optional<double> ixt, ity;
    std::optional<std::pair<double, double>> ixtInterval, ityInterval;
  };
  using Layer = std::map<int, Pair>;
  void orderLayers(QStringList& names) const;

  std::map<QString, std::map<QString, Layer>> byEstimator_;
  std::map<QString, int> layerPosition_;  // from the rows' layerIndex
  QStringList estimatorOrder_;
};

// Natural ordering of names with numbers in them.
void sortNaturally(QStringList& names);

}  // namespace miwb::charts
