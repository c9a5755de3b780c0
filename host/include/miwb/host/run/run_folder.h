#pragma once
// The layout of a run's output folder, shared by the runner, `merge`, `slurm` and the window that
// follows a folder:
//   experiment.json               the resolved experiment (every shard writes the same one)
//   tasks.json                    every task of the experiment in expansion order (key, quantity)
//   results.jsonl                 the journal of an unsharded run, and what `merge` writes
//   results.shard-I-of-K.jsonl    the journal of shard I of K
//   results.csv                   the tidy table (unsharded runs and `merge`)
// A task counts as done when any journal in the folder has an "ok" row for its key.
#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"
#include "miwb/host/cluster/shard.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

inline constexpr const char* kExperimentFile = "experiment.json";
inline constexpr const char* kTaskListFile = "tasks.json";

struct PlannedTask {
  std::string task;  // stable key
  std::string quantity;
  bool operator==(const PlannedTask&) const = default;
};

// Written atomically (a temporary file renamed over it), so shards writing it at once never leave a
// torn file.
Status writeTaskList(const QString& dir, const std::vector<PlannedTask>& tasks);
// `out` is empty when the folder has no task list yet.
Status readTaskList(const QString& dir, std::vector<PlannedTask>& out);

struct JournalFile {
  QString path;
  std::optional<ShardSpec> shard;  // nullopt: results.jsonl
};
// Every journal in `dir`, sorted by file name.
std::vector<JournalFile> journalsIn(const QString& dir);

// The rows of several journals, one per key: the latest "ok" row, else the latest failed one.
class RowUnion {
 public:
  // True when a row for `row.task` was there already (a view showing it must be rebuilt).
  bool add(const ResultRow& row);
  const ResultRow* find(const std::string& task) const;
  std::vector<ResultRow> rows() const;  // in the order keys first appeared
  std::set<std::string> completed() const;
  std::size_t size() const { return order_.size(); }

 private:
  std::vector<std::string> order_;
  std::map<std::string, ResultRow> byKey_;
};

// The rows of every journal in `dir`, one per task (RowUnion), in the order tasks first appeared:
// what a folder holds, for the views of a run that continues there or of a folder opened.
Status journaledRows(const QString& dir, std::vector<ResultRow>& out);
// Keys completed in any journal of `dir`: a run skips them.
Status completedTasksIn(const QString& dir, std::set<std::string>& out);

// What a shard lacks: tasks assigned to it with no "ok" row anywhere in the folder.
struct ShardGap {
  ShardSpec shard;
  int tasks = 0;    // assigned to the shard
  int failed = 0;   // whose latest row failed
  int missing = 0;  // with no row at all
  bool hasJournal = false;
  int lacking() const { return failed + missing; }
};

struct RunFolderState {
  Json experiment;                 // experiment.json of the first folder
  std::vector<PlannedTask> tasks;  // tasks.json
  std::vector<JournalFile> journals;
  std::vector<ResultRow> table;    // one row per planned task that has one, in task-list order
  int shardCount = 1;              // K of the shard journals (the largest K when several were used)
  std::vector<ShardGap> gaps;      // shards that lack tasks, by index
  int lacking() const;
};

// Reads one or more folders of the same experiment (shards may have written to different folders).
// Folders of different experiments, or a folder with no experiment.json or task list, are errors
// that name the folder. `shardCount`, when set, is the K to report gaps by.
Status readRunFolders(const QStringList& dirs, RunFolderState& out, std::optional<int> shardCount = std::nullopt);

// The files a finished run leaves besides its journal: results.csv, the tidy table. Unsharded runs
// and `merge` both write them through this.
Status writeResultTables(const Experiment& experiment, const std::vector<ResultRow>& table, const QString& dir);
// results.jsonl with exactly these rows, written atomically.
Status writeJournal(const std::vector<ResultRow>& rows, const QString& dir);

}  // namespace miwb
