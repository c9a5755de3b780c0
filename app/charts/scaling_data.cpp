#include "charts/scaling_data.h"
#include "charts/csv_text.h"

#include <cmath>
#include <numeric>

namespace miwb::charts {

namespace {
QString sweepLabel(const ResultRow& row) {
  if (row.sweepParam.empty() || row.sweepValue.is_null()) return {};
  return QString::fromStdString(row.sweepParam + "=" + row.sweepValue.dump());
}
}  // namespace

bool ScalingData::add(const ResultRow& row) {
  if (!row.ok || !row.valueNats || !row.n || row.quantity != "I(X;Y)" || !std::isfinite(*row.valueNats)) return false;
  const QString sweep = sweepLabel(row);
  QString group = QString::fromStdString(row.estimator);
  if (!sweep.isEmpty()) group += ", " + sweep;
  if (!groupOrder_.contains(group)) groupOrder_.append(group);
  Cell& cell = groups_[group][*row.n];
  cell.values.push_back(*row.valueNats);
  cell.seconds.push_back(row.seconds);
  if (row.trueNats && std::isfinite(*row.trueNats)) truth_[sweep][*row.n].push_back(*row.trueNats);
  return true;
}

void ScalingData::clear() {
  groups_.clear();
  groupOrder_.clear();
  truth_.clear();
}

std::vector<ScalingStat> ScalingData::stats(const QString& group) const {
  std::vector<ScalingStat> out;
  auto it = groups_.find(group);
  if (it == groups_.end()) return out;
  for (const auto& [n, cell] : it->second) {
    ScalingStat s;
    s.n = n;
    s.count = static_cast<int>(cell.values.size());
    s.mean = std::accumulate(cell.values.begin(), cell.values.end(), 0.0) / s.count;
    double squares = 0;
    for (double v : cell.values) squares += (v - s.mean) * (v - s.mean);
    s.std = s.count > 1 ? std::sqrt(squares / (s.count - 1)) : 0.0;
    s.meanSeconds = std::accumulate(cell.seconds.begin(), cell.seconds.end(), 0.0) / s.count;
    out.push_back(s);
  }
  return out;
}

std::map<QString, std::vector<std::pair<long long, double>>> ScalingData::trueMi() const {
  std::map<QString, std::vector<std::pair<long long, double>>> out;
  for (const auto& [sweep, byN] : truth_)
    for (const auto& [n, values] : byN)
      out[sweep].emplace_back(n, std::accumulate(values.begin(), values.end(), 0.0) / values.size());
  return out;
}

QString ScalingData::toCsv(bool bits) const {
  const double scale = unitScale(bits);
  const QString unit = unitName(bits);
  QString csv = QStringLiteral("series,n,repeats,mean_%1,std_%1,mean_seconds\n").arg(unit);
  for (const QString& group : groupOrder_)
    for (const ScalingStat& s : stats(group))
      csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                 .arg(csvQuoted(group))
                 .arg(s.n)
                 .arg(s.count)
                 .arg(s.mean * scale, 0, 'g', 10)
                 .arg(s.std * scale, 0, 'g', 10)
                 .arg(s.meanSeconds, 0, 'g', 6);
  for (const auto& [sweep, points] : trueMi())
    for (const auto& [n, nats] : points)
      csv += QStringLiteral("%1,%2,,%3,,\n").arg(csvQuoted(sweep.isEmpty() ? "true MI" : "true MI, " + sweep)).arg(n).arg(
          nats * scale, 0, 'g', 10);
  return csv;
}

}  // namespace miwb::charts
