#include "miwb/host/benchmark/benchmark_summary.h"
#include "text_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

namespace miwb {
namespace {

std::string number(const std::optional<double>& v) {
  if (!v) return {};
  if (std::isinf(*v)) return *v < 0 ? "-inf" : "inf";
  char text[32];  // the shortest text that reads back to the same double
  const auto end = std::to_chars(text, text + sizeof text, *v).ptr;
  return std::string(text, end);
}

// bmi leaves out neural runs that collapsed: below 0, or below a tenth of the best repeat.
bool neuralFailure(double value, double best) { return value < 0 || value < 0.1 * best; }

void finish(BenchmarkCell& cell) {
  if (cell.used.empty()) return;
  const double count = static_cast<double>(cell.used.size());
  double sum = 0;
  for (double v : cell.used) sum += v;
  cell.mean = sum / count;
  if (cell.used.size() > 1) {
    double squares = 0;
    for (double v : cell.used) squares += (v - *cell.mean) * (v - *cell.mean);
    cell.sd = std::sqrt(squares / (count - 1));
  }
  if (cell.trueNats && *cell.trueNats > 0) {
    double logs = 0;
    for (double v : cell.used) logs += v > 0 ? std::log(v / *cell.trueNats) : -HUGE_VAL;
    cell.meanLogRatio = logs / count;
  }
}

}  // namespace

std::optional<long long> samplesNeeded(const std::vector<const BenchmarkCell*>& cells) {
  const double limit = std::log(1.5);
  std::optional<long long> from;
  // Walking down from the largest N: the answer is the last N of the unbroken run of good cells.
  for (auto it = cells.rbegin(); it != cells.rend(); ++it) {
    const auto& r = (*it)->meanLogRatio;
    if (!r || !(std::abs(*r) < limit)) break;
    from = (*it)->n;
  }
  return from;
}

std::vector<BenchmarkCell> summarizeBenchmark(const Experiment& experiment, const std::vector<ResultRow>& rows) {
  const auto& tasks = experiment.benchmark.tasks;
  const auto& neural = experiment.benchmark.neuralEstimators;
  std::map<std::string, std::size_t> taskIndex, estimatorIndex;
  for (std::size_t i = 0; i < tasks.size(); ++i) taskIndex[tasks[i].id] = i;
  for (std::size_t i = 0; i < experiment.estimators.size(); ++i) estimatorIndex[experiment.estimators[i].label] = i;

  // (task index, estimator index, n) orders the cells as the grid does.
  std::map<std::tuple<std::size_t, std::size_t, long long>, std::vector<const ResultRow*>> grouped;
  for (const ResultRow& row : rows) {
    if (row.benchmarkTask.empty() || !row.n) continue;
    const auto t = taskIndex.find(row.benchmarkTask);
    const auto e = estimatorIndex.find(row.estimator);
    if (t == taskIndex.end() || e == estimatorIndex.end()) continue;
    grouped[{t->second, e->second, *row.n}].push_back(&row);
  }
  std::vector<BenchmarkCell> cells;
  for (const auto& [key, group] : grouped) {
    const auto& [t, e, n] = key;
    BenchmarkCell cell;
    cell.task = tasks[t].id;
    cell.family = tasks[t].family;
    cell.label = tasks[t].label;
    cell.estimator = experiment.estimators[e].label;
    cell.n = n;
    cell.runs = static_cast<int>(group.size());
    const bool isNeural = std::find(neural.begin(), neural.end(), cell.estimator) != neural.end();
    double best = -HUGE_VAL;
    for (const ResultRow* row : group) {
      if (row->trueNats) cell.trueNats = row->trueNats;
      if (row->ok && row->valueNats) best = std::max(best, *row->valueNats);
    }
    for (const ResultRow* row : group) {
      if (!row->ok || !row->valueNats || (isNeural && neuralFailure(*row->valueNats, best))) {
        ++cell.failures;
        continue;
      }
      cell.used.push_back(*row->valueNats);
    }
    finish(cell);
    cells.push_back(std::move(cell));
  }
  // Samples needed per (task, estimator): the cells of one pair are adjacent and in increasing N.
  for (std::size_t first = 0; first < cells.size();) {
    std::size_t last = first;
    std::vector<const BenchmarkCell*> pair;
    while (last < cells.size() && cells[last].task == cells[first].task && cells[last].estimator == cells[first].estimator)
      pair.push_back(&cells[last++]);
    const auto needed = samplesNeeded(pair);
    for (std::size_t i = first; i < last; ++i) cells[i].samplesNeeded = needed;
    first = last;
  }
  return cells;
}

std::string benchmarkSummaryCsv(const std::vector<BenchmarkCell>& cells) {
  std::ostringstream s;
  s << "task,family,task_label,estimator,n,runs,failures,mean_nats,sd_nats,true_nats,mean_log_ratio,samples_needed\n";
  for (const BenchmarkCell& c : cells)
    s << csvField(c.task) << ',' << csvField(c.family) << ',' << csvField(c.label) << ',' << csvField(c.estimator) << ','
      << c.n << ',' << c.runs << ',' << c.failures << ',' << number(c.mean) << ',' << number(c.sd) << ','
      << number(c.trueNats) << ',' << number(c.meanLogRatio) << ','
      << (c.samplesNeeded ? std::to_string(*c.samplesNeeded) : std::string()) << '\n';
  return s.str();
}

Status writeBenchmarkSummary(const std::vector<BenchmarkCell>& cells, const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::failed(path + ": cannot write the benchmark summary");
  out << benchmarkSummaryCsv(cells);
  out.close();
  if (!out) return Status::failed(path + ": cannot write the benchmark summary");
  return Status::ok();
}

}  // namespace miwb
