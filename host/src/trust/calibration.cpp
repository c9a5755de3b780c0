#include "miwb/host/trust/calibration.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <oneapi/tbb/parallel_for.h>
#include <sstream>

#include "miwb/host/trust/calibration_family.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "text_fields.h"

namespace miwb {
namespace {

// Bump when what a cached curve means changes.
constexpr int kCacheVersion = 1;

Json cacheKey(const CalibrationRequest& r, const std::string& family) {
  return {{"version", kCacheVersion}, {"estimator", r.estimatorId}, {"params", r.estimatorParams},
          {"n", r.n}, {"dx", r.dx}, {"dy", r.dy}, {"family", family}, {"repeats", r.repeats}};
}

QString cachePath(const CalibrationRequest& r, const Json& key) {
  std::ostringstream name;
  name << std::hex << std::setw(16) << std::setfill('0') << mixSeed(0, key.dump()) << ".json";
  return QDir(r.cacheFolder).filePath(QString::fromStdString(name.str()));
}

// truth -> the repeats' estimates.
using Points = std::map<double, std::vector<double>>;

Points readCache(const QString& path, const Json& key) {
  Points points;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return points;
  const Json doc = Json::parse(file.readAll().toStdString(), nullptr, false);
  if (!doc.is_object() || doc.value("key", Json()) != key || !doc.value("points", Json()).is_array()) return points;
  for (const Json& p : doc["points"]) {
    if (!p.is_object() || !p.value("truth", Json()).is_number() || !p.value("estimates", Json()).is_array()) continue;
    std::vector<double> estimates;
    for (const Json& e : p["estimates"])
      if (e.is_number()) estimates.push_back(e.get<double>());
    points[p["truth"].get<double>()] = estimates;
  }
  return points;
}

void writeCache(const QString& path, const Json& key, const Points& points) {
  Json list = Json::array();
  for (const auto& [truth, estimates] : points) list.push_back({{"truth", truth}, {"estimates", estimates}});
  QDir().mkpath(QFileInfo(path).absolutePath());
  QSaveFile file(path);  // whole or not at all: a killed run leaves no half-written curve
  if (!file.open(QIODevice::WriteOnly)) return;
  file.write(QByteArray::fromStdString(Json{{"key", key}, {"points", list}}.dump(1)));
  file.commit();
}

// The repeats at each truth, run in parallel; seeds come from the key, so cached and fresh points
// are the same numbers.
Status runPoints(const PluginRegistry& registry, const CalibrationRequest& r, const KnownTruthFamily& family,
                 const Json& key, const std::vector<double>& truths, Points& points) {
  std::unique_ptr<Estimator> estimator;
  MIWB_TRY(registry.createEstimator(r.estimatorId, r.estimatorParams, estimator));
  std::vector<std::unique_ptr<PairSource>> sources(truths.size());
  for (std::size_t i = 0; i < truths.size(); ++i) {
    double strength = 0;
    MIWB_TRY(family.sourceFor(truths[i], sources[i], strength));
  }
  const std::size_t reps = static_cast<std::size_t>(r.repeats);
  std::vector<double> values(truths.size() * reps);
  std::vector<Status> statuses(values.size());
  const std::uint64_t base = mixSeed(0, key.dump());
  tbb::parallel_for(std::size_t(0), values.size(), [&](std::size_t j) {
    const std::size_t i = j / reps;
    const std::string id = roundedText(truths[i], 17) + "|" + std::to_string(j % reps);
    RunContext dataCtx(mixSeed(base, "data|" + id), r.cancel), estimateCtx(mixSeed(base, "estimate|" + id), r.cancel);
    Variable x, y;
    Estimate e;
    if (dataCtx.cancelled()) {
      statuses[j] = Status::cancelled();
      return;
    }
    statuses[j] = callGuarded("dataset", [&] { return sources[i]->sample(r.n, dataCtx, x, y); });
    if (statuses[j].isOk())
      statuses[j] = callGuarded("estimator '" + r.estimatorId + "'", [&] { return estimator->mutualInformation(x, y, estimateCtx, e); });
    if (statuses[j].isOk() && !std::isfinite(e.valueNats)) statuses[j] = Status::numericalIssue("the estimate is not a finite number");
    values[j] = e.valueNats;
  });
  for (std::size_t j = 0; j < values.size(); ++j)
    if (!statuses[j].isOk())
      return statuses[j].withContext("calibration at a true MI of " + roundedText(truths[j / reps]) + " nats");
  for (std::size_t i = 0; i < truths.size(); ++i)
    points[truths[i]] = std::vector<double>(values.begin() + static_cast<long>(i * reps), values.begin() + static_cast<long>((i + 1) * reps));
  return Status::ok();
}

std::string shapeText(const CalibrationRequest& r) {
  return "at N = " + std::to_string(r.n) + " and " + std::to_string(r.dx) + "+" + std::to_string(r.dy) + " dims";
}

}  // namespace

const std::vector<double>& calibrationGrid() {
  static const std::vector<double> grid = {0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64};
  return grid;
}

Status calibrate(const PluginRegistry& registry, const CalibrationRequest& r, CalibrationResult& out) {
  if (r.repeats < 2) return Status::invalidInput("calibration needs at least 2 repeats per point");
  KnownTruthFamily family;
  MIWB_TRY(KnownTruthFamily::create(registry, r.family, r.dx, r.dy, family));
  out = CalibrationResult();
  out.family = family.name();
  // The grid reaches past the estimate, up to what the family can reach and what samples of this
  // size could ever resolve (a sample-based lower bound needs e^I samples: beyond 2 ln N + 2 nats
  // no estimator of practical use still rises).
  const double cap = std::min(family.maxTruth(), std::max(2 * std::log(static_cast<double>(r.n)) + 2, 2 * r.estimate + 2));
  std::vector<double> truths;
  for (double t : calibrationGrid())
    if (t > family.minTruth() && t < cap) truths.push_back(t);
  truths.insert(truths.begin(), family.minTruth());
  truths.push_back(cap);
  out.maxTruth = cap;

  const Json key = cacheKey(r, family.name());
  const QString path = r.cacheFolder.isEmpty() ? QString() : cachePath(r, key);
  Points points = path.isEmpty() ? Points() : readCache(path, key);
  // Only the truths whose bands reach the estimate matter for the answer, plus one on each side to
  // show where they stop. So the run starts at the grid truth at or below the estimate and the two
  // above it, then extends in parallel batches of two truths: down until the lowest upper band lies
  // below the estimate (or the family's lowest truth), up until two lower bands lie above it (or
  // the cap). For ksg at 10+10 dims (estimate 1.08 at a truth of 2) that is 5 truths, not 8.
  std::size_t lo = 0;
  while (lo + 1 < truths.size() && truths[lo + 1] <= r.estimate) ++lo;
  std::size_t hi = std::min(truths.size(), lo + 3);
  auto rowsIn = [&](std::size_t from, std::size_t to) {
    std::vector<numerics::CalibrationSample> samples;
    for (std::size_t i = from; i < to; ++i) samples.push_back({truths[i], points.at(truths[i])});
    return numerics::fitCalibration(samples, r.level);
  };
  // Runs the truths of [from, to) not yet computed or cached, in one parallel batch.
  auto compute = [&](std::size_t from, std::size_t to) -> Status {
    std::vector<double> missing;
    for (std::size_t i = from; i < to; ++i)
      if (!points.count(truths[i]) || points[truths[i]].size() != static_cast<std::size_t>(r.repeats))
        missing.push_back(truths[i]);
    if (missing.empty()) return Status::ok();
    MIWB_TRY(runPoints(registry, r, family, key, missing, points));
    out.computedPoints += static_cast<int>(missing.size());
    if (!path.isEmpty()) writeCache(path, key, points);
    return Status::ok();
  };
  MIWB_TRY(compute(lo, hi));
  for (;;) {
    const auto rows = rowsIn(lo, hi);
    const bool belowDone = lo == 0 || rows.front().fittedMean + rows.front().halfWidth < r.estimate;
    int above = 0;
    for (const auto& row : rows) above += row.fittedMean - row.halfWidth > r.estimate;
    const bool aboveDone = above >= 2 || hi == truths.size();
    if (belowDone && aboveDone) break;
    const std::size_t newLo = belowDone ? lo : lo - std::min<std::size_t>(lo, 2);
    const std::size_t newHi = aboveDone ? hi : std::min(truths.size(), hi + 2);
    MIWB_TRY(compute(newLo, newHi));  // the points already there are skipped
    lo = newLo;
    hi = newHi;
  }

  out.curve = rowsIn(lo, hi);
  out.readBack = numerics::readBack(out.curve, r.estimate);
  const auto& rb = out.readBack;
  out.bound = !rb.outside && !rb.high.has_value();
  const std::string who = r.estimatorId + " " + shapeText(r) + " on " + family.description();
  const std::string pct = roundedText(100 * r.level) + " %";
  if (rb.outside) {
    out.producedLow = out.curve.front().fittedMean - out.curve.front().halfWidth;
    out.producedHigh = out.producedLow;
    for (const auto& row : out.curve) {
      out.producedLow = std::min(out.producedLow, row.fittedMean - row.halfWidth);
      out.producedHigh = std::max(out.producedHigh, row.fittedMean + row.halfWidth);
    }
    out.statement = "an estimate of " + roundedText(r.estimate) + " nats is outside what " + r.estimatorId + " produces " +
                    shapeText(r) + " on " + family.description() + ": for true MI from " + roundedText(out.curve.front().truth) +
                    " to " + roundedText(out.curve.back().truth) + " nats its estimates lie between " + roundedText(out.producedLow) +
                    " and " + roundedText(out.producedHigh) + " nats (" + pct + " bands), so no true MI of this family explains it";
  } else if (rb.aboveEveryBand) {
    out.statement = "the estimate " + roundedText(r.estimate) + " nats lies above everything " + who + " gave up to a truth of " +
                    roundedText(out.maxTruth) + " nats; the truth is at least " + roundedText(*rb.low) + " nats";
  } else if (out.bound) {
    out.statement = "at N = " + std::to_string(r.n) + " and " + std::to_string(r.dx) + "+" + std::to_string(r.dy) +
                    " dims " + r.estimatorId + " does not exceed " + roundedText(rb.ceiling) + " nats on " + family.description() +
                    " (mean, up to a truth of " + roundedText(out.maxTruth) + " nats); the truth is at least " + roundedText(*rb.low) +
                    " nats (" + pct + ")";
  } else {
    out.statement = "an estimate of " + roundedText(r.estimate) + " nats from " + who + " means a true MI of " +
                    roundedText(rb.calibrated.value_or(*rb.low)) + " nats, between " + roundedText(*rb.low) + " and " +
                    roundedText(*rb.high) + " nats (" + pct + ")";
  }
  for (const auto& row : out.curve) {
    std::unique_ptr<PairSource> unused;
    double strength = 0;
    MIWB_TRY(family.sourceFor(row.truth, unused, strength));
    out.strengths.push_back(strength);
  }
  return Status::ok();
}

Json CalibrationResult::toJson(const CalibrationRequest& r) const {
  auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  Json rows = Json::array();
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const auto& c = curve[i];
    rows.push_back({{"true_nats", c.truth}, {"strength", strengths.size() > i ? Json(strengths[i]) : Json(nullptr)},
                    {"mean_nats", c.mean}, {"std_nats", c.std}, {"fitted_mean_nats", c.fittedMean},
                    {"band_low_nats", c.fittedMean - c.halfWidth}, {"band_high_nats", c.fittedMean + c.halfWidth},
                    {"repeats", c.repeats}});
  }
  return {{"estimator", r.estimatorId}, {"params", r.estimatorParams}, {"n", r.n}, {"dx", r.dx}, {"dy", r.dy},
          {"family", family}, {"level", r.level}, {"estimate_nats", r.estimate},
          {"calibrated_nats", opt(readBack.calibrated)}, {"calibrated_low_nats", opt(readBack.low)},
          {"calibrated_high_nats", opt(readBack.high)},
          {"bound", readBack.outside ? "outside" : bound ? "lower" : "two-sided"},
          {"produced_low_nats", readBack.outside ? Json(producedLow) : Json(nullptr)},
          {"produced_high_nats", readBack.outside ? Json(producedHigh) : Json(nullptr)},
          {"ceiling_nats", readBack.ceiling}, {"max_true_nats", maxTruth}, {"statement", statement},
          {"computed_points", computedPoints}, {"curve", rows}};
}

}  // namespace miwb
