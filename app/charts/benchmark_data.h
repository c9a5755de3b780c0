#pragma once
// The results of a benchmark run as the heatmap and the samples-needed table read them: the
// experiment's tasks and estimators in order, the rows so far, and their summary (bmi's rules, from
// the core, so that the figures and benchmark-summary.csv always agree).
#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "miwb/host/benchmark/benchmark_summary.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"

namespace miwb::charts {

class BenchmarkData {
 public:
  // A resolved benchmark experiment; clears the rows.
  void setExperiment(const Experiment& experiment);
  const Experiment& experiment() const { return experiment_; }
  // Keeps rows that carry a task of the experiment; returns whether it kept it.
  bool add(const ResultRow& row);
  void clearRows();
  bool empty() const { return rows_.empty(); }

  const std::vector<BenchmarkTask>& tasks() const { return experiment_.benchmark.tasks; }
  QStringList estimators() const;
  std::vector<long long> sizes() const { return experiment_.scaling.n; }  // the grid's N, as listed
  long long largestN() const;
  int repeats() const { return experiment_.scaling.repeats; }

  const std::vector<BenchmarkCell>& summary() const;
  const BenchmarkCell* cell(const std::string& task, const std::string& estimator, long long n) const;
  // The rows of one (task, estimator), for its scaling curve.
  std::vector<ResultRow> rowsFor(const std::string& task, const std::string& estimator) const;
  QString toCsv() const { return QString::fromStdString(benchmarkSummaryCsv(summary())); }

 private:
  Experiment experiment_;
  std::vector<ResultRow> rows_;
  mutable std::optional<std::vector<BenchmarkCell>> summary_;  // recomputed after a change
  mutable std::map<std::tuple<std::string, std::string, long long>, std::size_t> index_;
};

}  // namespace miwb::charts
