#include "charts/plane_data.h"
#include "charts/csv_text.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <limits>

namespace miwb::charts {

namespace {
// a before b in natural order: runs of digits compare as numbers (h2 < h10), the rest as text.
// Written out because QCollator's numeric mode is not supported in the C locale (CI, containers),
// where it silently falls back to plain order (h1, h10, h2).
bool naturalLess(const QString& a, const QString& b) {
  qsizetype i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].isDigit() && b[j].isDigit()) {
      const qsizetype i0 = i, j0 = j;
      while (i < a.size() && a[i].isDigit()) ++i;
      while (j < b.size() && b[j].isDigit()) ++j;
      const QString x = a.mid(i0, i - i0), y = b.mid(j0, j - j0);
      const QString xs = x.size() > 1 ? QString(x).remove(QRegularExpression("^0+(?=.)")) : x;
      const QString ys = y.size() > 1 ? QString(y).remove(QRegularExpression("^0+(?=.)")) : y;
      if (xs.size() != ys.size()) return xs.size() < ys.size();
      if (xs != ys) return xs < ys;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}
}  // namespace

void sortNaturally(QStringList& names) { std::stable_sort(names.begin(), names.end(), naturalLess); }

bool PlaneData::add(const ResultRow& row) {
  const bool ixt = row.quantity == "I(X;T)";
  if (!row.ok || !row.valueNats || !row.layer || !row.epoch || (!ixt && row.quantity != "I(T;Y)")) return false;
  const QString estimator = QString::fromStdString(row.estimator);
  if (!estimatorOrder_.contains(estimator)) estimatorOrder_.append(estimator);
  const QString layer = QString::fromStdString(*row.layer);
  if (row.layerIndex) layerPosition_[layer] = *row.layerIndex;
  Pair& pair = byEstimator_[estimator][layer][*row.epoch];
  (ixt ? pair.ixt : pair.ity) = *row.valueNats;
  if (row.ciLowNats && row.ciHighNats) (ixt ? pair.ixtInterval : pair.ityInterval) = std::pair{*row.ciLowNats, *row.ciHighNats};
  return true;
}

void PlaneData::clear() {
  byEstimator_.clear();
  layerPosition_.clear();
  estimatorOrder_.clear();
}

void PlaneData::setEstimatorOrder(const QStringList& labels) {
  QStringList order = labels;
  for (const QString& seen : estimatorOrder_)
    if (!order.contains(seen)) order.append(seen);
  estimatorOrder_ = order;
}

QStringList PlaneData::layers(const QString& estimator) const {
  QStringList names;
  if (auto it = byEstimator_.find(estimator); it != byEstimator_.end())
    for (const auto& [layer, points] : it->second) names.append(layer);
  orderLayers(names);
  return names;
}

QStringList PlaneData::allLayers() const {
  QStringList names;
  for (const auto& [estimator, layers] : byEstimator_)
    for (const auto& [layer, points] : layers)
      if (!names.contains(layer)) names.append(layer);
  orderLayers(names);
  return names;
}

void PlaneData::orderLayers(QStringList& names) const {
  sortNaturally(names);
  auto position = [this](const QString& layer) {
    const auto it = layerPosition_.find(layer);
    return it == layerPosition_.end() ? std::numeric_limits<int>::max() : it->second;
  };
  std::stable_sort(names.begin(), names.end(), [&](const QString& a, const QString& b) { return position(a) < position(b); });
}

int PlaneData::colourIndex(const QString& layer) const {
  if (const auto it = layerPosition_.find(layer); it != layerPosition_.end()) return it->second;
  return static_cast<int>(std::max<qsizetype>(0, allLayers().indexOf(layer)));
}

std::vector<PlanePoint> PlaneData::curve(const QString& estimator, const QString& layer) const {
  std::vector<PlanePoint> points;
  auto e = byEstimator_.find(estimator);
  if (e == byEstimator_.end()) return points;
  auto l = e->second.find(layer);
  if (l == e->second.end()) return points;
  for (const auto& [epoch, pair] : l->second)  // std::map: already sorted by epoch
    if (pair.ixt && pair.ity && std::isfinite(*pair.ixt) && std::isfinite(*pair.ity))
      points.push_back({epoch, *pair.ixt, *pair.ity, pair.ixtInterval, pair.ityInterval});
  return points;
}

std::optional<std::pair<int, int>> PlaneData::epochRange() const {
  std::optional<std::pair<int, int>> range;
  for (const QString& estimator : estimatorOrder_)
    for (const QString& layer : layers(estimator))
      for (const PlanePoint& p : curve(estimator, layer)) {
        if (!range) range = std::pair{p.epoch, p.epoch};
        range->first = std::min(range->first, p.epoch);
        range->second = std::max(range->second, p.epoch);
      }
  return range;
}

QString PlaneData::toCsv(bool bits) const {
  const double scale = unitScale(bits);
  const QString unit = unitName(bits);
  QString csv = QStringLiteral("estimator,layer,epoch,I(X;T)_%1,I(T;Y)_%1,I(X;T)_low_%1,I(X;T)_high_%1,"
                               "I(T;Y)_low_%1,I(T;Y)_high_%1\n").arg(unit);
  auto bounds = [&](const std::optional<std::pair<double, double>>& interval) {
    return interval ? QStringLiteral("%1,%2").arg(interval->first * scale, 0, 'g', 10).arg(interval->second * scale, 0, 'g', 10)
                    : QStringLiteral(",");
  };
  for (const QString& estimator : estimatorOrder_)
    for (const QString& layer : layers(estimator))
      for (const PlanePoint& p : curve(estimator, layer))
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(csvQuoted(estimator), csvQuoted(layer))
                   .arg(p.epoch)
                   .arg(p.ixtNats * scale, 0, 'g', 10)
                   .arg(p.ityNats * scale, 0, 'g', 10)
                   .arg(bounds(p.ixtInterval), bounds(p.ityInterval));
  return csv;
}

}  // namespace miwb::charts
