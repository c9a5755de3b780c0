#pragma once
// The summary of a benchmark run, by the rules of the bmi paper (Czyz et al. 2023): per task,
// estimator and N the mean and spread of the estimates and the mean of ln(estimate / truth); per
// task and estimator the samples needed, the smallest N from which on |mean ln ratio| < ln 1.5 at
// that N and every larger one. Runs of neural estimators whose estimate is below 0 or below 10 % of
// that estimator's best over the repeats count as failures and are left out of the means, as in
// bmi; failed tasks count as failures for every estimator. Failures are always counted and shown.
#include <optional>
#include <string>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"
#include "miwb/status.h"

namespace miwb {

inline constexpr const char* kBenchmarkSummaryFile = "benchmark-summary.csv";

struct BenchmarkCell {
  std::string task;       // task id
  std::string family;     // readable family and label (BenchmarkTask)
  std::string label;
  std::string estimator;  // label
  long long n = 0;
  int runs = 0;           // rows for this cell, failed or not
  int failures = 0;       // failed rows plus, for neural estimators, the runs bmi discards
  std::vector<double> used;  // the estimates that enter the statistics
  std::optional<double> trueNats;
  std::optional<double> mean;          // over `used`
  std::optional<double> sd;            // sample standard deviation over `used` (two or more)
  // Mean over `used` of ln(estimate / truth); -inf when an estimate is <= 0 (infinitely far
  // below); unknown without a positive truth.
  std::optional<double> meanLogRatio;
  std::optional<long long> samplesNeeded;  // of the (task, estimator), repeated on each of its cells
};

// One cell per (task, estimator, N) that has rows, in grid order: tasks, then estimators, then N.
// Works on a partial table (a run in progress).
std::vector<BenchmarkCell> summarizeBenchmark(const Experiment& experiment, const std::vector<ResultRow>& rows);

// bmi's rule on one (task, estimator): `cells` in increasing N.
std::optional<long long> samplesNeeded(const std::vector<const BenchmarkCell*>& cells);

// task, family, task_label, estimator, n, runs, failures, mean_nats, sd_nats, true_nats,
// mean_log_ratio, samples_needed (empty where unknown; -inf written as such).
std::string benchmarkSummaryCsv(const std::vector<BenchmarkCell>& cells);
Status writeBenchmarkSummary(const std::vector<BenchmarkCell>& cells, const std::string& path);

}  // namespace miwb
