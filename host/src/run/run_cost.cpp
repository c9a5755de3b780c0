#include "miwb/host/run/run_cost.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "miwb/host/benchmark/benchmark_grid.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/experiment/quantity.h"
#include "miwb/numerics/discretise.h"
#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/pairwise.h"
#include "miwb/random.h"

namespace miwb {

namespace {

constexpr std::array<const char*, kCostClasses> kClassNames{"N d", "N log N d", "N^2 d", "N^3"};
constexpr const char* kSpeedSchema = "miwb.machine-speed/1";

Matrix uniformPoints(Index n, Index d, std::uint64_t seed) {
  Random rng(seed);
  Matrix m(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < d; ++k) m(i, k) = rng.uniform();
  return m;
}

// Seconds `body` takes, the best of three (the least disturbed by other work on the machine).
template <class Body>
double bestSeconds(Body&& body) {
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < 3; ++r) {
    const auto start = std::chrono::steady_clock::now();
    body();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

// The rows an estimator uses of n: its max_samples when set below n.
double rowsUsed(const EstimatorSpec& spec, double n) {
  const Json& p = spec.params;
  if (p.contains("max_samples") && p["max_samples"].is_number_integer())
    return std::min(n, p["max_samples"].get<double>());
  return n;
}

// One call gives a plane's I(X;T) and I(T;Y) (Estimator::informationPlane); other quantities are a
// call each. With "significance" each of the pair is estimated again on P permuted copies.
double planeCalls(const EstimatorSpec& spec, int permutations) {
  double calls = 0;
  bool pair = false;
  for (const std::string& q : spec.quantities) {
    if (q == quantity::kIxt || q == quantity::kIty) pair = true;
    else calls += 1;
  }
  return calls + (pair ? 1 + 2.0 * permutations : 0);
}

// Calls per sample of a pairs experiment: one per quantity, and P more for each mutual information
// with "significance" (its permuted copies).
double pairCalls(const EstimatorSpec& spec, ExperimentKind kind, int permutations) {
  if (kind == ExperimentKind::Benchmark) return 1.0 + permutations;
  double calls = 0;
  for (const std::string& q : spec.quantities) calls += isEntropy(q) ? 1.0 : 1.0 + permutations;
  return calls;
}

Status sampledColumns(const PluginRegistry& registry, const std::string& id, const Json& params, Index& columns) {
  std::unique_ptr<PairSource> source;
  MIWB_TRY(registry.createPairSource(id, params, source).withContext("dataset '" + id + "'"));
  RunContext ctx(0);
  Variable x, y;
  MIWB_TRY(source->sample(2, ctx, x, y).withContext("dataset '" + id + "'"));
  columns = std::max<Index>(1, x.dims()) + std::max<Index>(1, y.dims());
  return Status::ok();
}

// A store the dataset cannot describe: opened as a run opens it, one slice read per layer.
Status openedStoreShape(const PluginRegistry& registry, const Experiment& e, ActivationStoreShape& out) {
  RunContext ctx(mixSeed(e.seed, "dataset"));
  std::unique_ptr<ActivationStore> store;
  MIWB_TRY(registry.openActivationStore(e.datasetId, e.datasetParams, ctx, store));
  out.samples = store->inputs().samples();
  out.layers = store->layers();
  out.epochs = store->epochs();
  const std::vector<bool> mask = store->trainMask();
  if (!mask.empty()) out.trainSamples = static_cast<Index>(std::count(mask.begin(), mask.end(), true));
  if (out.epochs.empty()) return Status::invalidInput("dataset '" + e.datasetId + "': the store holds no epochs");
  for (int l = 0; l < static_cast<int>(out.layers.size()); ++l) {
    Matrix slice;
    MIWB_TRY(store->activation(l, 0, slice));
    out.units.push_back(slice.cols());
  }
  return Status::ok();
}

std::string speedFile() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
      .filePath("miwb/machine-speed.json")
      .toStdString();
}

}  // namespace

Status costModelOf(const OfferingInfo& info, CostModel& out) {
  const std::string where = "estimator '" + info.id + "': metadata field 'cost_model";
  const Json model = info.extra.value("cost_model", Json());
  if (!model.is_object() || !model.value("time", Json()).is_string()) return Status::invalidInput(where + ".time' is missing");
  const std::string name = model["time"].get<std::string>();
  const auto it = std::find(kClassNames.begin(), kClassNames.end(), name);
  if (it == kClassNames.end())
    return Status::invalidInput(where + ".time': '" + name + "' is not one of 'N d', 'N log N d', 'N^2 d', 'N^3'");
  const Json factor = model.value("factor", Json(1.0));
  if (!factor.is_number() || !(factor.get<double>() > 0))
    return Status::invalidInput(where + ".factor' must be a positive number");
  out = {static_cast<CostClass>(it - kClassNames.begin()), factor.get<double>()};
  return Status::ok();
}

double costUnits(CostClass c, double n, double d) {
  switch (c) {
    case CostClass::Linear: return n * d;
    case CostClass::NLogN: return n * std::log2(std::max(2.0, n)) * d;
    case CostClass::Pairs: return n * n * d;
    case CostClass::Cubic: return n * n * n;
  }
  return 0;
}

Status planeShape(const ActivationStoreShape& store, const Experiment& e, RunShape& out) {
  out = {};
  out.samples = store.samples;
  if (e.plane.samples != "all") {
    if (store.trainSamples < 0)
      return Status::invalidInput("field 'grid.samples': the store does not say which samples were for training");
    out.samples = e.plane.samples == "train" ? store.trainSamples : store.samples - store.trainSamples;
  }
  for (std::size_t l = 0; l < store.layers.size(); ++l) {
    if (!e.plane.layers.empty() &&
        std::find(e.plane.layers.begin(), e.plane.layers.end(), store.layers[l]) == e.plane.layers.end())
      continue;
    out.layers.push_back(store.layers[l]);
    out.units.push_back(l < store.units.size() ? store.units[l] : 0);
  }
  for (const std::string& name : e.plane.layers)
    if (std::find(out.layers.begin(), out.layers.end(), name) == out.layers.end())
      return Status::invalidInput("field 'grid.layers': the store has no layer '" + name + "'");
  for (int epoch : store.epochs)
    if (e.plane.epochs.empty() || std::find(e.plane.epochs.begin(), e.plane.epochs.end(), epoch) != e.plane.epochs.end())
      out.epochs.push_back(epoch);
  if (out.epochs.size() != (e.plane.epochs.empty() ? store.epochs.size() : e.plane.epochs.size()))
    return Status::invalidInput("field 'grid.epochs': the store lacks some of the epochs asked for");
  return Status::ok();
}

Status readStoreShape(const PluginRegistry& registry, const Experiment& e, ActivationStoreShape& out) {
  out = {};
  const Status described = registry.describeActivationStore(e.datasetId, e.datasetParams, out);
  if (described.code() != StatusCode::Unsupported) return described;
  out = {};
  return openedStoreShape(registry, e, out);
}

Status readRunShape(const PluginRegistry& registry, const Experiment& e, RunShape& out) {
  out = {};
  if (e.kind == ExperimentKind::InformationPlane) {
    ActivationStoreShape store;
    MIWB_TRY(readStoreShape(registry, e, store));
    return planeShape(store, e, out);
  }
  if (e.kind == ExperimentKind::Benchmark) {
    for (const std::string& task : e.benchmark.taskIds) {
      Json params = e.datasetParams;
      params[kBenchmarkTaskParam] = task;
      Index columns = 0;
      MIWB_TRY(sampledColumns(registry, e.datasetId, params, columns));
      out.pairColumns.push_back(columns);
    }
    return Status::ok();
  }
  const std::size_t sweeps = std::max<std::size_t>(1, e.scaling.sweepValues.size());
  for (std::size_t s = 0; s < sweeps; ++s) {
    Json params = e.datasetParams;
    if (!e.scaling.sweepParam.empty()) params[e.scaling.sweepParam] = e.scaling.sweepValues[s];
    Index columns = 0;
    MIWB_TRY(sampledColumns(registry, e.datasetId, params, columns));
    out.pairColumns.push_back(columns);
  }
  return Status::ok();
}

MachineSpeed measureMachineSpeed() {
  MachineSpeed speed;
  auto& s = speed.secondsPerUnit;
  tbb::task_arena(1).execute([&] {
    // Each about 10 ms: a binning pass, kNN queries in a kd-tree, kernel sums over pairs, and a
    // symmetric eigendecomposition.
    const Matrix wide = uniformPoints(100000, 10, 1);
    s[static_cast<int>(CostClass::Linear)] =
        bestSeconds([&] { (void)discretiseRows(wide, BinEdges::uniform(0.0, 1.0, 30)); }) / costUnits(CostClass::Linear, 100000, 10);
    const Matrix low = uniformPoints(5000, 4, 2);
    std::vector<Index> rows(4);
    std::vector<double> dist(4);
    s[static_cast<int>(CostClass::NLogN)] = bestSeconds([&] {
      const KdTree tree(low);
      for (Index i = 0; i < low.rows(); ++i) tree.nearestToRow(i, 4, rows.data(), dist.data());
    }) / costUnits(CostClass::NLogN, 5000, 4);
    const Matrix pairs = uniformPoints(1000, 32, 3);
    KernelLogMeans sums;
    s[static_cast<int>(CostClass::Pairs)] = bestSeconds([&] {
      (void)gaussianKernelLogMeans(pairs, RowBlocks::single(1000), 1.0, RunContext(), sums);
    }) / costUnits(CostClass::Pairs, 1000, 32);
    const Matrix sym = [&] {
      const Matrix a = uniformPoints(250, 250, 4);
      return Matrix(a * a.transpose());
    }();
    s[static_cast<int>(CostClass::Cubic)] = bestSeconds([&] {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(sym, Eigen::EigenvaluesOnly);
      (void)solver.eigenvalues();
    }) / costUnits(CostClass::Cubic, 250, 1);
  });
  return speed;
}

MachineSpeed machineSpeed() {
  const std::string path = speedFile();
  Json cached;
  if (QFile::exists(QString::fromStdString(path)) && readJsonFile(path, cached).isOk() && cached.is_object() &&
      cached.value("schema", "") == kSpeedSchema) {
    MachineSpeed speed;
    bool complete = true;
    for (int c = 0; c < kCostClasses; ++c) {
      const Json& v = cached.value("seconds_per_unit", Json::object()).value(kClassNames[static_cast<std::size_t>(c)], Json());
      complete = complete && v.is_number() && v.get<double>() > 0;
      if (complete) speed.secondsPerUnit[static_cast<std::size_t>(c)] = v.get<double>();
    }
    if (complete) return speed;
  }
  const MachineSpeed speed = measureMachineSpeed();
  Json doc = {{"schema", kSpeedSchema}, {"seconds_per_unit", Json::object()}};
  for (int c = 0; c < kCostClasses; ++c)
    doc["seconds_per_unit"][kClassNames[static_cast<std::size_t>(c)]] = speed.secondsPerUnit[static_cast<std::size_t>(c)];
  // A cache: when it cannot be written, the next call measures again.
  QDir().mkpath(QFileInfo(QString::fromStdString(path)).absolutePath());
  QSaveFile out(QString::fromStdString(path));
  const std::string text = doc.dump(2) + "\n";
  if (out.open(QIODevice::WriteOnly)) {
    out.write(text.data(), static_cast<qint64>(text.size()));
    (void)out.commit();
  }
  return speed;
}

Status estimateRunCost(const PluginRegistry& registry, const Experiment& e, const RunShape& shape,
                       const MachineSpeed& speed, int threads, RunCost& out) {
  out = {};
  double seconds = 0;
  Status unknown = Status::ok();  // the first estimator without a cost model; the tasks are counted all the same
  for (std::size_t k = 0; k < e.estimators.size(); ++k) {
    const EstimatorSpec& spec = e.estimators[k];
    const auto* entry = registry.estimator(spec.id);
    CostModel model;
    const Status known = entry ? costModelOf(*entry->info, model)
                               : Status::invalidInput("estimators[" + std::to_string(k) + "]: unknown estimator '" + spec.id + "'");
    if (unknown.isOk() && !known.isOk()) unknown = known;
    const CostClass c = model.time;
    const double perUnit = known.isOk() ? model.factor * speed.secondsPerUnit[static_cast<std::size_t>(c)] : 0.0;
    const int quantities = static_cast<int>(spec.quantities.size());
    const int permutations = e.significance.enabled() ? e.significance.permutations : 0;
    if (e.kind == ExperimentKind::InformationPlane) {
      out.tasks += quantities * static_cast<int>(shape.layers.size() * shape.epochs.size());
      for (Index units : shape.units)
        seconds += static_cast<double>(shape.epochs.size()) * planeCalls(spec, permutations) * perUnit *
                   costUnits(c, rowsUsed(spec, static_cast<double>(shape.samples)), static_cast<double>(units));
    } else {
      const int perSample = e.kind == ExperimentKind::Benchmark ? 1 : quantities;
      for (Index columns : shape.pairColumns)
        for (long long n : e.scaling.n) {
          out.tasks += perSample * e.scaling.repeats;
          seconds += pairCalls(spec, e.kind, permutations) * e.scaling.repeats * perUnit *
                     costUnits(c, rowsUsed(spec, static_cast<double>(n)), static_cast<double>(columns));
        }
    }
  }
  if (const auto* dataset = registry.dataset(e.datasetId);
      dataset && e.kind == ExperimentKind::InformationPlane && dataset->info->extra.value("stage", Json()).is_string())
    out.preparation = dataset->info->extra["stage"].get<std::string>();
  const int workers = threads > 0 ? threads : tbb::info::default_concurrency();
  out.seconds = seconds / std::max(1, workers);
  return unknown;
}

std::string aboutDuration(double seconds) {
  char text[64];
  if (!(seconds >= 1.0)) return "under a second";
  if (seconds < 90) std::snprintf(text, sizeof text, "about %.0f s", seconds < 10 ? seconds : std::round(seconds / 5) * 5);
  else if (seconds < 90 * 60) std::snprintf(text, sizeof text, "about %.0f min", std::round(seconds / 60));
  else std::snprintf(text, sizeof text, "about %.1f h", seconds / 3600);
  return text;
}

}  // namespace miwb
