#include "charts/scaling_data.h"
#include "charts/csv_text.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "miwb/host/experiment/quantity.h"

namespace miwb::charts {

namespace {

// A benchmark's tasks are curves of their own, like the values of a swept parameter.
QString sweepLabel(const ResultRow& row) {
  if (!row.benchmarkTask.empty()) return QString::fromStdString("task=" + row.benchmarkTask);
  if (row.sweepParam.empty() || row.sweepValue.is_null()) return {};
  return QString::fromStdString(row.sweepParam + "=" + row.sweepValue.dump());
}

QString withSweep(const QString& name, const QString& sweep) { return sweep.isEmpty() ? name : name + ", " + sweep; }

// What scaling and single-estimate experiments measure: the other quantities belong to the plane.
const QStringList& pairsQuantities() {
  static const QStringList names = [] {
    QStringList list;
    for (const std::string& q : quantitiesOf(ExperimentKind::Scaling)) list.append(QString::fromStdString(q));
    return list;
  }();
  return names;
}

}  // namespace

bool ScalingData::add(const ResultRow& row) {
  const QString quantity = QString::fromStdString(row.quantity);
  if (!row.ok || !row.valueNats || !row.n || !pairsQuantities().contains(quantity) || !std::isfinite(*row.valueNats))
    return false;
  const QString sweep = sweepLabel(row);
  const QString estimator = withSweep(QString::fromStdString(row.estimator), sweep);
  auto curve = std::find_if(curves_.begin(), curves_.end(),
                            [&](const Curve& c) { return c.estimator == estimator && c.quantity == quantity; });
  if (curve == curves_.end()) curve = curves_.insert(curves_.end(), Curve{estimator, quantity, {}});
  Cell& cell = curve->byN[*row.n];
  cell.values.push_back(*row.valueNats);
  cell.seconds.push_back(row.seconds);
  if (row.trueNats && std::isfinite(*row.trueNats)) truth_[{quantity, sweep}][*row.n].push_back(*row.trueNats);
  return true;
}

void ScalingData::clear() {
  curves_.clear();
  truth_.clear();
}

QStringList ScalingData::quantities() const {
  QStringList measured;
  for (const QString& q : pairsQuantities())
    if (std::any_of(curves_.begin(), curves_.end(), [&](const Curve& c) { return c.quantity == q; })) measured.append(q);
  return measured;
}

// Names are given when asked, not when a row arrives: a second quantity arriving later renames
// every curve, and the charts are redrawn from these names each time.
QString ScalingData::nameOf(const Curve& curve) const {
  return quantities().size() > 1 ? curve.estimator + QStringLiteral(" · ") + curve.quantity : curve.estimator;
}

const ScalingData::Curve* ScalingData::find(const QString& group) const {
  auto it = std::find_if(curves_.begin(), curves_.end(), [&](const Curve& c) { return nameOf(c) == group; });
  return it == curves_.end() ? nullptr : &*it;
}

QStringList ScalingData::groups() const {
  QStringList names;
  for (const Curve& c : curves_) names.append(nameOf(c));
  return names;
}

std::vector<CurveSamples> ScalingData::samples(const QString& group) const {
  std::vector<CurveSamples> out;
  if (const Curve* curve = find(group))
    for (const auto& [n, cell] : curve->byN) out.push_back({n, cell.values});
  return out;
}

QString ScalingData::quantityOf(const QString& group) const {
  const Curve* curve = find(group);
  return curve ? curve->quantity : QString();
}

std::vector<ScalingStat> ScalingData::stats(const QString& group) const {
  std::vector<ScalingStat> out;
  const Curve* curve = find(group);
  if (!curve) return out;
  for (const auto& [n, cell] : curve->byN) {
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

std::vector<TrueLine> ScalingData::trueLines() const {
  // One line per distinct true value: a sweep over a parameter that leaves the value alone (an
  // invertible transform) gives one line, named by the swept values it stands for when it does not
  // stand for all of them.
  struct Merged {
    TrueLine line;
    QStringList sweeps;
  };
  std::vector<TrueLine> lines;
  for (const QString& quantity : quantities()) {
    std::vector<Merged> merged;
    for (const auto& [key, byN] : truth_) {
      const auto& [q, sweep] = key;
      if (q != quantity) continue;
      TrueLine line{{}, quantity, {}};
      for (const auto& [n, values] : byN)
        line.points.emplace_back(n, std::accumulate(values.begin(), values.end(), 0.0) / values.size());
      auto same = std::find_if(merged.begin(), merged.end(), [&](const Merged& m) {
        return m.line.points.size() == line.points.size() &&
               std::equal(line.points.begin(), line.points.end(), m.line.points.begin(), [](const auto& a, const auto& b) {
                 return a.first == b.first && std::abs(a.second - b.second) <= 1e-12 * std::max(1.0, std::abs(a.second));
               });
      });
      if (same != merged.end())
        same->sweeps.append(sweep);
      else
        merged.push_back({std::move(line), {sweep}});
    }
    for (Merged& m : merged) {
      const bool forAll = merged.size() == 1;
      m.line.name = "true " + quantity;
      if (!forAll && !m.sweeps.join("").isEmpty()) {
        // "rho=0.2", "rho=0.5" -> "rho=0.2, 0.5"
        QStringList values;
        const QString param = m.sweeps.first().section('=', 0, 0);
        for (const QString& sweep : m.sweeps) values.append(sweep.section('=', 1));
        m.line.name += ", " + param + "=" + values.join(", ");
      }
      lines.push_back(std::move(m.line));
    }
  }
  return lines;
}

QString ScalingData::toCsv(bool bits) const {
  const double scale = unitScale(bits);
  const QString unit = unitName(bits);
  QString csv = QStringLiteral("series,quantity,n,repeats,mean_%1,std_%1,mean_seconds\n").arg(unit);
  for (const QString& group : groups())
    for (const ScalingStat& s : stats(group))
      csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                 .arg(csvQuoted(group), csvQuoted(quantityOf(group)))
                 .arg(s.n)
                 .arg(s.count)
                 .arg(s.mean * scale, 0, 'g', 10)
                 .arg(s.std * scale, 0, 'g', 10)
                 .arg(s.meanSeconds, 0, 'g', 6);
  for (const TrueLine& line : trueLines())
    for (const auto& [n, nats] : line.points)
      csv += QStringLiteral("%1,%2,%3,,%4,,\n")
                 .arg(csvQuoted(line.name), csvQuoted(line.quantity))
                 .arg(n)
                 .arg(nats * scale, 0, 'g', 10);
  return csv;
}

}  // namespace miwb::charts
