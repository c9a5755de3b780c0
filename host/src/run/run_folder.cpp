#include "miwb/host/run/run_folder.h"

#include "miwb/host/benchmark/benchmark_summary.h"
#include "miwb/host/trust/extrapolation.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>
#include <map>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/results_journal.h"

namespace miwb {
namespace {

Status saveAtomically(const QString& path, const std::string& text) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) != qint64(text.size()) ||
      !file.commit())
    return Status::failed(path.toStdString() + ": cannot be written (" + file.errorString().toStdString() + ")");
  return Status::ok();
}

}  // namespace

Status writeTaskList(const QString& dir, const std::vector<PlannedTask>& tasks) {
  Json list = Json::array();
  for (const auto& t : tasks) list.push_back({{"task", t.task}, {"quantity", t.quantity}});
  const Json doc{{"schema", "miwb.tasks/1"}, {"tasks", std::move(list)}};
  return saveAtomically(QDir(dir).filePath(kTaskListFile), doc.dump(0) + "\n");
}

Status readTaskList(const QString& dir, std::vector<PlannedTask>& out) {
  out.clear();
  const QString path = QDir(dir).filePath(kTaskListFile);
  if (!QFileInfo::exists(path)) return Status::ok();
  Json doc;
  MIWB_TRY(readJsonFile(path.toStdString(), doc));
  if (!doc.is_object() || !doc.contains("tasks") || !doc["tasks"].is_array())
    return Status::invalidInput(path.toStdString() + ": field 'tasks' must be an array");
  for (const Json& t : doc["tasks"]) {
    if (!t.is_object() || !t.contains("task") || !t["task"].is_string())
      return Status::invalidInput(path.toStdString() + ": every entry of 'tasks' needs a string 'task'");
    out.push_back({t["task"].get<std::string>(), t.value("quantity", std::string())});
  }
  return Status::ok();
}

std::vector<JournalFile> journalsIn(const QString& dir) {
  std::vector<JournalFile> out;
  const QStringList names = QDir(dir).entryList({"results*.jsonl"}, QDir::Files, QDir::Name);
  for (const QString& name : names) {
    JournalFile file{QDir(dir).filePath(name), std::nullopt};
    if (parseJournalFileName(name, file.shard)) out.push_back(std::move(file));
  }
  return out;
}

bool RowUnion::add(const ResultRow& row) {
  auto it = byKey_.find(row.task);
  if (it == byKey_.end()) {
    order_.push_back(row.task);
    byKey_.emplace(row.task, row);
    return false;
  }
  if (row.ok || !it->second.ok) it->second = row;  // a failure never hides a success
  return true;
}

const ResultRow* RowUnion::find(const std::string& task) const {
  auto it = byKey_.find(task);
  return it == byKey_.end() ? nullptr : &it->second;
}

std::vector<ResultRow> RowUnion::rows() const {
  std::vector<ResultRow> out;
  out.reserve(order_.size());
  for (const auto& key : order_) out.push_back(byKey_.at(key));
  return out;
}

std::set<std::string> RowUnion::completed() const {
  std::set<std::string> done;
  for (const auto& [key, row] : byKey_)
    if (row.ok) done.insert(key);
  return done;
}

namespace {
Status readJournals(const QString& dir, RowUnion& all) {
  for (const JournalFile& journal : journalsIn(dir)) {
    std::vector<ResultRow> rows;
    MIWB_TRY(ResultsJournal::read(journal.path, rows));
    for (const auto& row : rows) all.add(row);
  }
  return Status::ok();
}
}  // namespace

Status journaledRows(const QString& dir, std::vector<ResultRow>& out) {
  RowUnion all;
  MIWB_TRY(readJournals(dir, all));
  out = all.rows();
  return Status::ok();
}

Status completedTasksIn(const QString& dir, std::set<std::string>& out) {
  RowUnion all;
  MIWB_TRY(readJournals(dir, all));
  out = all.completed();
  return Status::ok();
}

int RunFolderState::lacking() const {
  int total = 0;
  for (const auto& gap : gaps) total += gap.lacking();
  return total;
}

Status readRunFolders(const QStringList& dirs, RunFolderState& out, std::optional<int> shardCount) {
  out = RunFolderState();
  if (dirs.isEmpty()) return Status::invalidInput("no run folder given");
  RowUnion rows;
  for (const QString& dir : dirs) {
    const std::string where = dir.toStdString();
    if (!QFileInfo(dir).isDir()) return Status::invalidInput(where + ": no such folder");
    const QString experimentPath = QDir(dir).filePath(kExperimentFile);
    if (!QFileInfo::exists(experimentPath))
      return Status::invalidInput(where + ": no experiment.json, so this is not a run folder");
    Json experiment;
    MIWB_TRY(readJsonFile(experimentPath.toStdString(), experiment));
    if (out.experiment.is_null()) {
      out.experiment = experiment;
    } else if (experiment != out.experiment) {
      return Status::invalidInput(where + ": holds a different experiment ('" + experiment.value("name", std::string()) +
                                  "') from " + dirs.first().toStdString() + " ('" +
                                  out.experiment.value("name", std::string()) +
                                  "'); their experiment.json files differ, and only shards of one experiment merge");
    }
    std::vector<PlannedTask> tasks;
    MIWB_TRY(readTaskList(dir, tasks));
    if (out.tasks.empty()) out.tasks = std::move(tasks);
    for (JournalFile& journal : journalsIn(dir)) {
      std::vector<ResultRow> journalRows;
      MIWB_TRY(ResultsJournal::read(journal.path, journalRows));
      for (const auto& row : journalRows) rows.add(row);
      if (journal.shard) out.shardCount = std::max(out.shardCount, journal.shard->count);
      out.journals.push_back(std::move(journal));
    }
  }
  if (out.tasks.empty())
    return Status::invalidInput(dirs.first().toStdString() + ": no tasks.json yet: no shard of this run has started");
  if (shardCount) out.shardCount = *shardCount;

  std::vector<ShardGap> gaps(static_cast<std::size_t>(out.shardCount));
  for (int i = 0; i < out.shardCount; ++i) gaps[std::size_t(i)].shard = {i, out.shardCount};
  for (const auto& journal : out.journals) {
    const ShardSpec shard = journal.shard.value_or(ShardSpec{0, 1});
    if (shard.count == out.shardCount) gaps[std::size_t(shard.index)].hasJournal = true;
  }
  for (const PlannedTask& task : out.tasks) {
    ShardGap& gap = gaps[std::size_t(shardOf(task.task, task.quantity, out.shardCount))];
    ++gap.tasks;
    const ResultRow* row = rows.find(task.task);
    if (row) out.table.push_back(*row);
    if (!row) ++gap.missing;
    else if (!row->ok) ++gap.failed;
  }
  for (const auto& gap : gaps)
    if (gap.lacking() > 0) out.gaps.push_back(gap);
  return Status::ok();
}

Status writeResultTables(const Experiment& experiment, const std::vector<ResultRow>& table, const QString& dir) {
  MIWB_TRY(writeResultsCsv(table, QDir(dir).filePath("results.csv")));
  if (experiment.kind == ExperimentKind::Scaling)
    return writeExtrapolationCsv(extrapolateTable(table), QDir(dir).filePath("extrapolation.csv").toStdString());
  if (experiment.kind != ExperimentKind::Benchmark) return Status::ok();
  return writeBenchmarkSummary(summarizeBenchmark(experiment, table),
                               QDir(dir).filePath(kBenchmarkSummaryFile).toStdString());
}

Status writeJournal(const std::vector<ResultRow>& rows, const QString& dir) {
  std::string text;
  for (const auto& row : rows) text += row.toJson().dump() + "\n";
  return saveAtomically(QDir(dir).filePath(journalFileName(std::nullopt)), text);
}

}  // namespace miwb
