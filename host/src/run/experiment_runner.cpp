#include "miwb/host/run/experiment_runner.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <optional>

#include "miwb/dataset.h"
#include "miwb/estimator.h"
#include "miwb/host/trust/extrapolation.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/benchmark/benchmark_summary.h"
#include "miwb/host/run/results_journal.h"
#include "miwb/host/run/run_folder.h"
#include "background_priority.h"
#include "standardize.h"
#include "miwb/host/trust/uncertainty.h"
#include "miwb/host/significance/permutation_test.h"

namespace miwb {
namespace {

using quantity::kHt;
using quantity::kHx;
using quantity::kIxt;
using quantity::kIxy;
using quantity::kIxyGivenZ;

// One estimator call within a work item.
struct Task {
  ResultRow row;  // key and coordinates filled at expansion
  std::size_t estimator = 0;
};

// The unit of parallel work: one data set (a sample, or one layer at one epoch) and every task on it.
struct WorkItem {
  std::string dataKey;
  std::size_t sweepIndex = 0;
  int layerIndex = -1, epochIndex = -1;
  std::vector<Task> tasks;
};

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string sweepText(const std::string& param, const Json& value) {
  return param.empty() ? std::string() : "|" + param + "=" + value.dump();
}

class Execution {
 public:
  Execution(const PluginRegistry& registry, const Experiment& e, const RunOptions& options, const RunObserver& observer)
      : registry_(registry), e_(e), options_(options), observer_(observer) {}

  Status run(RunSummary& summary) {
    MIWB_TRY(createEstimators());
    QDir().mkpath(options_.outDir);
    if (options_.shard) MIWB_TRY(checkFolderHoldsThisExperiment());
    MIWB_TRY(writeExperimentFile());
    MIWB_TRY(journal_.open(QDir(options_.outDir).filePath(journalFileName(options_.shard))));
    const bool plane = e_.kind == ExperimentKind::InformationPlane;
    // Preparing (training a network, say) and the tasks share one arena: the thread count and
    // the priority hold for both.
    const int threads = options_.threads > 0 ? options_.threads : tbb::info::default_concurrency();
    tbb::task_arena arena(threads);
    std::optional<BackgroundPriority> lowered;
    if (options_.background) lowered.emplace(arena);
    const auto prepareStart = std::chrono::steady_clock::now();
    Status prepared;
    arena.execute([&] { prepared = plane ? openStore() : createSources(); });
    MIWB_TRY(prepared);
    summary.prepareSeconds = secondsSince(prepareStart);
    std::vector<WorkItem> items = plane ? expandPlane() : benchmark() ? expandBenchmark() : expandScaling();

    MIWB_TRY(writeTaskList(options_.outDir, plannedTasks(items)));
    // Done in any journal of the folder: a shard resumes from every shard's work, whatever K was.
    std::set<std::string> done;
    MIWB_TRY(completedTasksIn(options_.outDir, done));
    std::vector<std::string> order;
    std::vector<WorkItem> pending;
    for (auto& item : items) {
      WorkItem todo = item;
      todo.tasks.clear();
      for (auto& task : item.tasks) {
        if (options_.shard && shardOf(task.row.task, task.row.quantity, options_.shard->count) != options_.shard->index)
          continue;
        order.push_back(task.row.task);
        ++summary.total;
        if (done.count(task.row.task)) ++summary.skipped;
        else todo.tasks.push_back(task);
      }
      if (!todo.tasks.empty()) pending.push_back(std::move(todo));
    }
    total_ = summary.total;
    done_ = summary.skipped;
    if (observer_.progress) observer_.progress(done_, total_);
    if (summary.skipped && observer_.log)
      observer_.log(std::to_string(summary.skipped) + " of " + std::to_string(summary.total) +
                    " tasks are already in the journal and are skipped");

    const auto taskStart = std::chrono::steady_clock::now();
    arena.execute([&] {
      tbb::parallel_for(std::size_t(0), pending.size(), [&](std::size_t i) { runItem(pending[i]); });
    });
    summary.taskSeconds = secondsSince(taskStart);

    summary.succeeded = succeeded_;
    summary.failed = failed_;
    summary.cancelled = cancelled();
    std::map<std::string, ResultRow> byKey;
    for (auto& row : journal_.rows()) byKey[row.task] = row;
    for (const auto& key : order)
      if (auto it = byKey.find(key); it != byKey.end()) summary.table.push_back(it->second);
    if (!options_.shard) MIWB_TRY(writeResultTables(e_, summary.table, options_.outDir));
    if (!journalError_.isOk()) return journalError_;  // the workers are done: no lock needed
    return summary.cancelled ? Status::cancelled() : Status::ok();
  }

 private:
  bool cancelled() const { return options_.cancel && options_.cancel->load(); }
  bool benchmark() const { return e_.kind == ExperimentKind::Benchmark; }

  double timeLimitSeconds() const {
    return options_.taskTimeLimitSeconds > 0 ? options_.taskTimeLimitSeconds : e_.taskTimeLimitSeconds.value_or(0);
  }

  // The context of one call: seeded by `key`, cancelled with the run, and past the task time limit.
  RunContext taskContext(const std::string& key) const {
    RunContext ctx(mixSeed(e_.seed, key), options_.cancel);
    if (const double limit = timeLimitSeconds(); limit > 0)
      ctx.setDeadline(RunContext::Clock::now() + std::chrono::duration_cast<RunContext::Clock::duration>(
                                                     std::chrono::duration<double>(limit)));
    return ctx;
  }

  // A call that ran past its deadline failed, whatever it returned; only the user's cancel cancels.
  Status withinLimit(const RunContext& ctx, Status status) const {
    if (cancelled() || !ctx.timedOut()) return status;
    std::ostringstream limit;
    limit << timeLimitSeconds();
    return Status::failed("stopped at the task time limit of " + limit.str() + " s");
  }

  Status createEstimators() {
    for (std::size_t i = 0; i < e_.estimators.size(); ++i) {
      std::unique_ptr<Estimator> est;
      MIWB_TRY(registry_.createEstimator(e_.estimators[i].id, e_.estimators[i].params, est)
                   .withContext("estimators[" + std::to_string(i) + "]"));
      estimators_.push_back(std::move(est));
    }
    return Status::ok();
  }

  static std::vector<PlannedTask> plannedTasks(const std::vector<WorkItem>& items) {
    std::vector<PlannedTask> tasks;
    for (const auto& item : items)
      for (const auto& task : item.tasks) tasks.push_back({task.row.task, task.row.quantity});
    return tasks;
  }

  // Shards of two experiments in one folder would mix their journals.
  Status checkFolderHoldsThisExperiment() const {
    const QString path = QDir(options_.outDir).filePath(kExperimentFile);
    if (!QFileInfo::exists(path)) return Status::ok();
    Json existing;
    MIWB_TRY(readJsonFile(path.toStdString(), existing));
    if (existing != e_.toJson())
      return Status::invalidInput(path.toStdString() + ": the folder holds a different experiment ('" +
                                  existing.value("name", std::string()) + "'); give each experiment its own --out folder");
    return Status::ok();
  }

  // Atomically: shards starting together rewrite it while others read it.
  Status writeExperimentFile() {
    QSaveFile out(QDir(options_.outDir).filePath(kExperimentFile));
    const std::string text = e_.toJson().dump(2) + "\n";
    if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) != qint64(text.size()) || !out.commit())
      return Status::failed(options_.outDir.toStdString() + ": cannot write experiment.json");
    return Status::ok();
  }

  // One source per swept value, or per task of a benchmark.
  Status createSources() {
    const std::size_t count =
        benchmark() ? e_.benchmark.taskIds.size() : std::max<std::size_t>(1, e_.scaling.sweepValues.size());
    for (std::size_t s = 0; s < count; ++s) {
      Json params = e_.datasetParams;
      if (benchmark()) params[kBenchmarkTaskParam] = e_.benchmark.taskIds[s];
      else if (!e_.scaling.sweepParam.empty()) params[e_.scaling.sweepParam] = e_.scaling.sweepValues[s];
      std::unique_ptr<PairSource> source;
      MIWB_TRY(registry_.createPairSource(e_.datasetId, params, source).withContext("dataset '" + e_.datasetId + "'"));
      if (auto max = source->maxSamples())
        for (long long n : e_.scaling.n)
          if (n > *max)
            return Status::invalidInput("field 'grid.n': dataset '" + e_.datasetId + "' has only " +
                                        std::to_string(*max) + " samples, the grid asks for " + std::to_string(n));
      sources_.push_back(std::move(source));
    }
    return Status::ok();
  }

  Status openStore() {
    RunContext ctx(mixSeed(e_.seed, "dataset"), options_.cancel);
    // A dataset's metadata may say what opening it does ("training the network").
    const auto* entry = registry_.dataset(e_.datasetId);
    std::string stage = "opening dataset '" + e_.datasetId + "'";
    if (entry && entry->info->extra.contains("stage") && entry->info->extra["stage"].is_string())
      stage = entry->info->extra["stage"].get<std::string>();
    // A dataset that can continue an interrupted preparation (a training run) keeps its progress in
    // the run's results folder unless the experiment names another: a rerun there continues it.
    Json params = e_.datasetParams;
    if (entry && entry->info->params.find("checkpoint_folder") && params.value("checkpoint_folder", Json("")) == Json(""))
      params["checkpoint_folder"] = QDir(options_.outDir).filePath("training").toStdString();
    ctx.setProgressCallback([this, stage](double f) {
      if (observer_.preparing) observer_.preparing(stage, f);
    });
    if (observer_.metric) ctx.setMetricCallback(observer_.metric);
    MIWB_TRY(registry_.openActivationStore(e_.datasetId, params, ctx, store_));
    const Index n = store_->inputs().samples();
    if (store_->labels().samples() != n)
      return Status::invalidInput("dataset '" + e_.datasetId + "': inputs and labels have different sample counts");
    // Which layers, epochs and samples.
    const auto layers = store_->layers();
    const auto epochs = store_->epochs();
    // Errors name the store's file and what it does hold, not only what is missing.
    const Json path = e_.datasetParams.value("path", Json());
    const std::string store = path.is_string() ? "the store '" + path.get<std::string>() + "'" : "the store";
    auto listed = [](const auto& values) {
      std::string text;
      for (std::size_t i = 0; i < values.size() && i < 12; ++i) {
        std::ostringstream item;
        item << values[i];
        text += (i ? ", " : "") + item.str();
      }
      return values.size() > 12 ? text + ", ... (" + std::to_string(values.size()) + " in all)" : text;
    };
    if (e_.plane.layers.empty()) {
      for (int i = 0; i < static_cast<int>(layers.size()); ++i) layerIndices_.push_back(i);
    } else {
      for (const auto& name : e_.plane.layers) {
        auto it = std::find(layers.begin(), layers.end(), name);
        if (it == layers.end())
          return Status::invalidInput("field 'grid.layers': " + store + " has no layer '" + name + "' (it has " + listed(layers) + ")");
        layerIndices_.push_back(static_cast<int>(it - layers.begin()));
      }
    }
    if (e_.plane.epochs.empty()) {
      for (int i = 0; i < static_cast<int>(epochs.size()); ++i) epochIndices_.push_back(i);
    } else {
      for (int epoch : e_.plane.epochs) {
        auto it = std::find(epochs.begin(), epochs.end(), epoch);
        if (it == epochs.end())
          return Status::invalidInput("field 'grid.epochs': " + store + " has no epoch " + std::to_string(epoch) + " (it has epochs " +
                                      listed(epochs) + ")");
        epochIndices_.push_back(static_cast<int>(it - epochs.begin()));
      }
    }
    if (e_.plane.samples != "all") {
      const auto mask = store_->trainMask();
      if (mask.empty())
        return Status::invalidInput("field 'grid.samples': the store does not say which samples were for training");
      const bool wantTrain = e_.plane.samples == "train";
      for (Index i = 0; i < n; ++i)
        if (mask[static_cast<std::size_t>(i)] == wantTrain) rows_.push_back(i);
      if (rows_.empty()) return Status::invalidInput("field 'grid.samples': no " + e_.plane.samples + " samples in the store");
      subsetX_ = store_->inputs().subset(rows_);
      subsetY_ = store_->labels().subset(rows_);
    }
    return Status::ok();
  }

  std::vector<WorkItem> expandScaling() {
    std::vector<WorkItem> items;
    const auto& g = e_.scaling;
    const std::size_t sweeps = std::max<std::size_t>(1, g.sweepValues.size());
    for (std::size_t s = 0; s < sweeps; ++s)
      for (long long n : g.n)
        for (int r = 0; r < g.repeats; ++r) {
          WorkItem item;
          item.sweepIndex = s;
          const Json sweepValue = g.sweepParam.empty() ? Json() : g.sweepValues[s];
          item.dataKey = sweepText(g.sweepParam, sweepValue) + "|n=" + std::to_string(n) + "|r=" + std::to_string(r);
          for (std::size_t k = 0; k < e_.estimators.size(); ++k)
            for (const std::string& quantity : e_.estimators[k].quantities) {
              Task t;
              t.estimator = k;
              // I(X;Y) keys carry no quantity: journals written before entropies existed resume.
              t.row.task = toString(e_.kind) + std::string("|") + e_.estimators[k].label + item.dataKey +
                           (quantity == kIxy ? std::string() : "|" + quantity);
              t.row.quantity = quantity;
              t.row.n = n;
              t.row.repeat = r;
              t.row.sweepParam = g.sweepParam;
              t.row.sweepValue = sweepValue;
              item.tasks.push_back(std::move(t));
            }
          items.push_back(std::move(item));
        }
    return items;
  }

  // Every (task, n, repeat) is one sample that all estimators share, as in bmi.
  std::vector<WorkItem> expandBenchmark() {
    std::vector<WorkItem> items;
    const auto& g = e_.scaling;
    for (std::size_t s = 0; s < e_.benchmark.taskIds.size(); ++s)
      for (long long n : g.n)
        for (int r = 0; r < g.repeats; ++r) {
          WorkItem item;
          item.sweepIndex = s;
          const std::string& taskId = e_.benchmark.taskIds[s];
          item.dataKey = "|task=" + taskId + "|n=" + std::to_string(n) + "|r=" + std::to_string(r);
          for (std::size_t k = 0; k < e_.estimators.size(); ++k) {
            Task t;
            t.estimator = k;
            t.row.task = "benchmark|" + e_.estimators[k].label + item.dataKey;
            t.row.quantity = kIxy;
            t.row.n = n;
            t.row.repeat = r;
            t.row.benchmarkTask = taskId;
            item.tasks.push_back(std::move(t));
          }
          items.push_back(std::move(item));
        }
    return items;
  }

  std::vector<WorkItem> expandPlane() {
    std::vector<WorkItem> items;
    const auto layers = store_->layers();
    const auto epochs = store_->epochs();
    const long long n = planeX().samples();
    for (int li : layerIndices_)
      for (int ei : epochIndices_) {
        WorkItem item;
        item.layerIndex = li;
        item.epochIndex = ei;
        item.dataKey = "|layer=" + layers[static_cast<std::size_t>(li)] + "|epoch=" + std::to_string(epochs[static_cast<std::size_t>(ei)]);
        for (std::size_t k = 0; k < e_.estimators.size(); ++k)
          for (const std::string& quantity : e_.estimators[k].quantities) {
            Task t;
            t.estimator = k;
            t.row.task = "plane|" + e_.estimators[k].label + item.dataKey + "|" + quantity;
            t.row.quantity = quantity;
            t.row.n = n;
            t.row.layer = layers[static_cast<std::size_t>(li)];
            t.row.layerIndex = li;
            t.row.epoch = epochs[static_cast<std::size_t>(ei)];
            item.tasks.push_back(std::move(t));
          }
        items.push_back(std::move(item));
      }
    return items;
  }

  // Whether any task of the item measures a conditional MI, so that its data need a Z.
  static bool needsZ(const WorkItem& item) {
    return std::any_of(item.tasks.begin(), item.tasks.end(), [](const Task& t) { return isConditional(t.row.quantity); });
  }

  // Loads the item's data: (X, Y) for pairs, with Z where a task conditions on it, T for the plane
  // (whose X and Y are planeX() and planeY(), shared by every item rather than copied: with image
  // inputs they are as wide as a layer).
  // `standardized`: the benchmark's columns were standardized.
  Status loadData(const WorkItem& item, Variable& x, Variable& t, Variable& y, Variable& z, bool& standardized) {
    if (store_) {
      Matrix activations;
      MIWB_TRY(callGuarded("dataset '" + e_.datasetId + "'",
                           [&] { return store_->activation(item.layerIndex, item.epochIndex, activations); }));
      if (activations.rows() != store_->inputs().samples())
        return Status::invalidInput("layer slice has " + std::to_string(activations.rows()) + " rows, the inputs have " +
                                    std::to_string(store_->inputs().samples()));
      t = Variable::continuous(std::move(activations));
      if (!rows_.empty()) t = t.subset(rows_);
      return t.validate("T");
    }
    const Index n = item.tasks.front().row.n.value_or(0);
    RunContext ctx = taskContext("data" + item.dataKey);
    // A source that draws Z gives the same X and Y either way (PairSource::sampleConditioned).
    const bool conditioned = needsZ(item);
    MIWB_TRY(withinLimit(ctx, callGuarded("dataset '" + e_.datasetId + "'", [&] {
      return conditioned ? sources_[item.sweepIndex]->sampleConditioned(n, ctx, x, y, z)
                         : sources_[item.sweepIndex]->sample(n, ctx, x, y);
    })));
    if (conditioned && z.samples() != n)
      return Status::failed("dataset '" + e_.datasetId + "' returned the wrong number of samples of Z");
    if (conditioned) MIWB_TRY(z.validate("Z"));
    if (x.samples() != n || y.samples() != n)
      return Status::failed("dataset '" + e_.datasetId + "' returned the wrong number of samples");
    MIWB_TRY(x.validate("X"));
    MIWB_TRY(y.validate("Y"));
    if (benchmark()) {
      // bmi standardizes what the task drew before estimating (the validated values are finite).
      const bool xs = standardizeColumns(x);
      const bool ys = standardizeColumns(y);
      standardized = xs && ys;
    }
    return Status::ok();
  }

  void runItem(WorkItem& item) {
    if (cancelled()) return;
    Variable x, t, y, z;
    bool standardized = false;
    const Status loaded = loadData(item, x, t, y, z, standardized);
    if (store_) {
      runPlaneItem(item, loaded, planeX(), t, planeY());
      return;
    }
    const PairSource& source = *sources_[item.sweepIndex];
    for (auto& task : item.tasks) {
      if (cancelled()) return;
      ResultRow row = task.row;
      row.standardized = standardized;
      const bool conditional = row.quantity == kIxyGivenZ;
      const bool mi = row.quantity == kIxy || conditional;
      const PairSide side = row.quantity == kHx ? PairSide::X : PairSide::Y;
      row.trueNats = conditional ? source.trueConditionalMutualInformation()
                     : mi        ? source.trueMutualInformation()
                                 : source.trueEntropy(side);
      if (loaded.isOk()) {
        row.dx = mi || side == PairSide::X ? x.dims() : y.dims();
        if (mi) row.dy = y.dims();
      }
      Status status = loaded;
      Estimate estimate;
      const auto start = std::chrono::steady_clock::now();
      if (status.isOk()) {
        RunContext ctx = taskContext(row.task);
        const Estimator& estimator = *estimators_[task.estimator];
        status = withinLimit(ctx, callGuarded("estimator '" + e_.estimators[task.estimator].id + "'", [&] {
          return conditional ? estimator.conditionalMutualInformation(x, y, z, ctx, estimate)
                 : mi        ? estimator.mutualInformation(x, y, ctx, estimate)
                             : estimator.entropy(side == PairSide::X ? x : y, ctx, estimate);
        }));
        if (status.isOk() && std::isfinite(estimate.valueNats))
          status = addIntervals(row.task, {&row}, {estimate.valueNats}, x.samples(),
                                conditional ? conditionalMutualInformationMeasure(estimator, x, y, z)
                                : mi        ? mutualInformationMeasure(estimator, x, y)
                                            : entropyMeasure(estimator, side == PairSide::X ? x : y));
        if (status.isOk() && mi && std::isfinite(estimate.valueNats))
          status = withinLimit(ctx, addSignificance(row.task, row, estimator, x, y, conditional ? &z : nullptr, estimate, ctx));
      }
      if (!finishRow(task, row, status, estimate, secondsSince(start))) return;
    }
  }

  // One informationPlane() call per estimator gives both I(X;T) and I(T;Y) (they share H(T)); H(T)
  // is an entropy() call of its own. Only the item's pending rows are journaled, so a row already in
  // the journal is not written twice.
  void runPlaneItem(WorkItem& item, const Status& loaded, const Variable& x, const Variable& t, const Variable& y) {
    for (std::size_t first = 0; first < item.tasks.size();) {
      if (cancelled()) return;
      std::size_t last = first;
      while (last < item.tasks.size() && item.tasks[last].estimator == item.tasks[first].estimator) ++last;
      const std::size_t k = item.tasks[first].estimator;
      const std::string who = "estimator '" + e_.estimators[k].id + "'";
      std::size_t miTasks = 0;
      for (std::size_t i = first; i < last; ++i) miTasks += item.tasks[i].row.quantity != kHt;
      Status planeStatus = loaded;
      Estimate xt, ty;
      ResultRow ixtInterval, ityInterval;  // carry the plane pair's intervals to its two rows
      double planeSeconds = 0;
      if (miTasks > 0 && planeStatus.isOk()) {
        const auto start = std::chrono::steady_clock::now();
        // Seeded by the (estimator, layer, epoch) point, not by quantity, as both come from one call.
        RunContext ctx = taskContext("plane|" + e_.estimators[k].label + item.dataKey);
        planeStatus = withinLimit(ctx, callGuarded(who, [&] { return estimators_[k]->informationPlane(x, t, y, ctx, xt, ty); }));
        if (planeStatus.isOk() && std::isfinite(xt.valueNats) && std::isfinite(ty.valueNats))
          planeStatus = addIntervals("plane|" + e_.estimators[k].label + item.dataKey, {&ixtInterval, &ityInterval},
                                     {xt.valueNats, ty.valueNats}, t.samples(), planeMeasure(*estimators_[k], x, t, y));
        // Each of the pair tested on its own: X's rows permuted against T, T's against Y.
        const std::string point = "plane|" + e_.estimators[k].label + item.dataKey;
        if (planeStatus.isOk() && std::isfinite(xt.valueNats) && std::isfinite(ty.valueNats))
          planeStatus = withinLimit(ctx, addSignificance(point + "|" + kIxt, ixtInterval, *estimators_[k], x, t, nullptr, xt, ctx));
        if (planeStatus.isOk() && std::isfinite(xt.valueNats) && std::isfinite(ty.valueNats))
          planeStatus = withinLimit(ctx, addSignificance(point + "|" + quantity::kIty, ityInterval, *estimators_[k], t, y, nullptr, ty, ctx));
        // The shared call's time is split evenly between the quantities it gave.
        planeSeconds = secondsSince(start) / static_cast<double>(miTasks);
      }
      for (std::size_t i = first; i < last; ++i) {
        ResultRow row = item.tasks[i].row;
        if (loaded.isOk()) {
          row.dx = row.quantity == kIxt ? x.dims() : t.dims();
          if (row.quantity != kHt) row.dy = row.quantity == kIxt ? t.dims() : y.dims();
        }
        if (row.quantity == kHt) {
          Status status = loaded;
          Estimate h;
          const auto start = std::chrono::steady_clock::now();
          if (status.isOk()) {
            RunContext ctx = taskContext(row.task);
            status = withinLimit(ctx, callGuarded(who, [&] { return estimators_[k]->entropy(t, ctx, h); }));
            if (status.isOk() && std::isfinite(h.valueNats))
              status = addIntervals(row.task, {&row}, {h.valueNats}, t.samples(), entropyMeasure(*estimators_[k], t));
          }
          if (!finishRow(item.tasks[i], row, status, h, secondsSince(start))) return;
        } else {
          const ResultRow& interval = row.quantity == kIxt ? ixtInterval : ityInterval;
          row.ciLowNats = interval.ciLowNats;
          row.ciHighNats = interval.ciHighNats;
          row.pValue = interval.pValue;
          row.nullMeanNats = interval.nullMeanNats;
          if (!finishRow(item.tasks[i], row, planeStatus, row.quantity == kIxt ? xt : ty, planeSeconds)) return;
        }
      }
      first = last;
    }
  }

  // With "uncertainty", the interval of each number in `full` from random halves of the n rows,
  // written to the matching row; seeded by `key` (the task, or the plane point).
  Status addIntervals(const std::string& key, std::vector<ResultRow*> rows, const std::vector<double>& full, Index n,
                      const SubsetMeasure& measure) {
    if (!e_.uncertainty.enabled()) return Status::ok();
    std::vector<numerics::Interval> intervals;
    MIWB_TRY(halfSampleIntervals(n, full, e_.uncertainty, mixSeed(e_.seed, "interval|" + key), options_.cancel, measure,
                                 intervals)
                 .withContext("interval"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i]->ciLowNats = intervals[i].low;
      rows[i]->ciHighNats = intervals[i].high;
    }
    return Status::ok();
  }

  // With "significance", the permutation test of a mutual information (local permutations given z),
  // seeded by `key` (the task, or the plane point and quantity), written to `row`; the permuted
  // copies' estimator calls share the task's context.
  Status addSignificance(const std::string& key, ResultRow& row, const Estimator& estimator, const Variable& x,
                         const Variable& y, const Variable* z, const Estimate& observed, RunContext& ctx) {
    if (!e_.significance.enabled()) return Status::ok();
    SignificanceOptions options = e_.significance;
    options.seed = mixSeed(e_.seed, "permutations|" + key);
    Significance test;
    MIWB_TRY(callGuarded("the estimator", [&] { return permutationTest(estimator, x, y, z, observed, options, ctx, test); })
                 .withContext("permutation test"));
    row.pValue = test.pValue;
    row.nullMeanNats = test.nullMeanNats;
    return Status::ok();
  }

  // Fills in and journals one row; false when the call was cancelled (not journaled: it runs again).
  bool finishRow(const Task& task, ResultRow& row, Status status, const Estimate& estimate, double seconds) {
    const EstimatorSpec& spec = e_.estimators[task.estimator];
    row.estimator = spec.label;
    row.estimatorId = spec.id;
    if (status.isOk() && !std::isfinite(estimate.valueNats))
      status = Status::numericalIssue("the estimate is not a finite number");
    if (!status.isOk()) row.ciLowNats = row.ciHighNats = row.pValue = row.nullMeanNats = std::nullopt;
    if (status.isOk()) {
      row.valueNats = estimate.valueNats;
      row.stderrNats = estimate.stderrNats;
      row.details = estimate.details;
    }
    row.seconds = seconds;
    if (status.code() == StatusCode::Cancelled) return false;
    row.ok = status.isOk();
    row.message = status.message();
    if (const Status written = journal_.append(row); !written.isOk()) {
      std::lock_guard lock(journalErrorMutex_);
      if (journalError_.isOk()) journalError_ = written;  // the first failure is the one to report
    }
    (row.ok ? succeeded_ : failed_)++;
    const int doneNow = ++done_;
    if (observer_.result) observer_.result(row);
    if (observer_.progress) observer_.progress(doneNow, total_);
    return true;
  }

  // Threads: everything below is written by the thread that calls run() before the parallel loop
  // starts and only read by the workers (const calls: estimators, sources and the store are
  // thread-safe by contract), except where marked.
  const PluginRegistry& registry_;
  const Experiment& e_;
  const RunOptions& options_;
  const RunObserver& observer_;  // its callbacks are thread-safe by contract
  ResultsJournal journal_;       // append() is synchronised inside
  std::vector<std::unique_ptr<Estimator>> estimators_;
  std::vector<std::unique_ptr<PairSource>> sources_;
  std::unique_ptr<ActivationStore> store_;
  std::vector<int> layerIndices_, epochIndices_;
  std::vector<Index> rows_;
  // The plane's X and Y: the store's own, or their rows for grid.samples = train / test.
  const Variable& planeX() const { return rows_.empty() ? store_->inputs() : subsetX_; }
  const Variable& planeY() const { return rows_.empty() ? store_->labels() : subsetY_; }
  Variable subsetX_, subsetY_;
  std::atomic<int> done_{0}, succeeded_{0}, failed_{0};  // counted by the workers
  int total_ = 0;
  std::mutex journalErrorMutex_;  // guards journalError_, set by whichever worker fails to write
  Status journalError_;
};

}  // namespace

ExperimentRunner::ExperimentRunner(const PluginRegistry& registry, Experiment experiment)
    : registry_(registry), experiment_(std::move(experiment)) {}

Status ExperimentRunner::run(const RunOptions& options, const RunObserver& observer, RunSummary& summary) {
  summary = RunSummary();
  Execution execution(registry_, experiment_, options, observer);
  return execution.run(summary);
}

}  // namespace miwb
