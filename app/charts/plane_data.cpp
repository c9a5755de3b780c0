#include "charts/plane_data.h"
#include "charts/csv_text.h"

#include <QCollator>
#include <cmath>

namespace miwb::charts {

void sortNaturally(QStringList& names) {
  QCollator collator;
  collator.setNumericMode(true);
  std::sort(names.begin(), names.end(), [&](const QString& a, const QString& b) { return collator.compare(a, b) < 0; });
}

bool PlaneData::add(const ResultRow& row) {
  const bool ixt = row.quantity == "I(X;T)";
  if (!row.ok || !row.valueNats || !row.layer || !row.epoch || (!ixt && row.quantity != "I(T;Y)")) return false;
  const QString estimator = QString::fromStdString(row.estimator);
  if (!estimatorOrder_.contains(estimator)) estimatorOrder_.append(estimator);
  Pair& pair = byEstimator_[estimator][QString::fromStdString(*row.layer)][*row.epoch];
  (ixt ? pair.ixt : pair.ity) = *row.valueNats;
  if (row.ciLowNats && row.ciHighNats) (ixt ? pair.ixtInterval : pair.ityInterval) = std::pair{*row.ciLowNats, *row.ciHighNats};
  return true;
}

void PlaneData::clear() {
  byEstimator_.clear();
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
  sortNaturally(names);
  return names;
}

QStringList PlaneData::allLayers() const {
  QStringList names;
  for (const auto& [estimator, layers] : byEstimator_)
    for (const auto& [layer, points] : layers)
      if (!names.contains(layer)) names.append(layer);
  sortNaturally(names);
  return names;
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
