#pragma once
// Expands an experiment into independent tasks with stable keys, runs them on a oneTBB arena and
// journals each finished task at once. Each task's data and estimator seeds derive from the
// experiment seed and the task key, so results do not depend on thread count or order. Tasks
// already completed in the output folder's journal are skipped.
#include <QString>
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"
#include "miwb/host/cluster/shard.h"
#include "miwb/run_context.h"
#include "miwb/status.h"

namespace miwb {

class PluginRegistry;

struct RunOptions {
  int threads = 0;                              // 0: all cores
  QString outDir;                               // receives results.jsonl, results.csv, experiment.json
  const std::atomic<bool>* cancel = nullptr;    // set to stop: tasks in flight end, the journal is kept
  // Per-task time limit in seconds (> 0 overrides the experiment's task_time_limit). Cooperative:
  // the task's RunContext reports cancellation past the deadline, the estimator stops at its next
  // progress check and the task is journaled as failed; one that never checks runs to its end and
  // is then journaled as failed all the same.
  double taskTimeLimitSeconds = 0;
  // Run only this shard's tasks, journaling to results.shard-I-of-K.jsonl; results.csv is then left
  // to `merge`. The folder must not hold another experiment.
  std::optional<ShardSpec> shard;
  // The run's threads go to a lower OS priority (the window sets this: its event loop must not
  // wait for a core behind the estimators).
  bool background = false;
};

// Callbacks come from worker threads; they must be thread-safe (the GUI forwards them as queued signals).
struct RunObserver {
  std::function<void(const ResultRow&)> result;
  std::function<void(int done, int total)> progress;
  std::function<void(const std::string& stage, double fraction)> preparing;  // dataset set-up (e.g. training)
  RunContext::MetricFn metric;
  std::function<void(const std::string&)> log;
};

struct RunSummary {
  int total = 0;      // tasks in the experiment (in the shard, for a sharded run)
  int skipped = 0;    // already in the journal
  int succeeded = 0;  // run now
  int failed = 0;     // run now
  bool cancelled = false;
  double prepareSeconds = 0;  // opening the dataset (for mlp-training: the training run)
  double taskSeconds = 0;     // wall time of the tasks
  std::vector<ResultRow> table;  // every journaled task, in expansion order
};

class ExperimentRunner {
 public:
  // `experiment` must be resolved against `registry` (Experiment::resolve).
  ExperimentRunner(const PluginRegistry& registry, Experiment experiment);
  Status run(const RunOptions& options, const RunObserver& observer, RunSummary& summary);

 private:
  const PluginRegistry& registry_;
  Experiment experiment_;
};

}  // namespace miwb
