#include "charts/benchmark_data.h"

#include <algorithm>

namespace miwb::charts {

void BenchmarkData::setExperiment(const Experiment& experiment) {
  experiment_ = experiment;
  clearRows();
}

bool BenchmarkData::add(const ResultRow& row) {
  const auto& ids = experiment_.benchmark.taskIds;
  if (row.benchmarkTask.empty() || std::find(ids.begin(), ids.end(), row.benchmarkTask) == ids.end()) return false;
  rows_.push_back(row);
  summary_.reset();
  return true;
}

void BenchmarkData::clearRows() {
  rows_.clear();
  summary_.reset();
}

QStringList BenchmarkData::estimators() const {
  QStringList labels;
  for (const EstimatorSpec& e : experiment_.estimators) labels << QString::fromStdString(e.label);
  return labels;
}

long long BenchmarkData::largestN() const {
  const auto& n = experiment_.scaling.n;
  return n.empty() ? 0 : *std::max_element(n.begin(), n.end());
}

const std::vector<BenchmarkCell>& BenchmarkData::summary() const {
  if (!summary_) {
    summary_ = summarizeBenchmark(experiment_, rows_);
    index_.clear();
    for (std::size_t i = 0; i < summary_->size(); ++i) {
      const BenchmarkCell& c = (*summary_)[i];
      index_[{c.task, c.estimator, c.n}] = i;
    }
  }
  return *summary_;
}

const BenchmarkCell* BenchmarkData::cell(const std::string& task, const std::string& estimator, long long n) const {
  const auto& cells = summary();
  const auto it = index_.find({task, estimator, n});
  return it == index_.end() ? nullptr : &cells[it->second];
}

std::vector<ResultRow> BenchmarkData::rowsFor(const std::string& task, const std::string& estimator) const {
  std::vector<ResultRow> rows;
  for (const ResultRow& r : rows_)
    if (r.benchmarkTask == task && r.estimator == estimator) rows.push_back(r);
  return rows;
}

}  // namespace miwb::charts
