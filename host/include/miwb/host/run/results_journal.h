#pragma once
// The append-only results journal (results.jsonl): one JSON object per finished task, written and
// flushed at once, so a crash or a kill loses only the tasks in flight. Re-opening the journal tells
// which tasks are already done.
#include <QString>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "miwb/host/run/result_row.h"
#include "miwb/status.h"

namespace miwb {

class ResultsJournal {
 public:
  // Opens (creating if needed) for appending; reads the rows already there. A partial last line
  // (a kill during a write) is ignored and terminated so that appends start on a fresh line.
  Status open(const QString& path);
  Status append(const ResultRow& row);  // thread-safe

  // Rows read at open() plus those appended since; for a key written twice, the later row wins.
  std::vector<ResultRow> rows() const;
  // Keys whose latest row succeeded: these tasks are skipped on a re-run.
  std::set<std::string> completedTasks() const;

  static Status read(const QString& path, std::vector<ResultRow>& out, int* skippedLines = nullptr);

 private:
  mutable std::mutex mutex_;
  std::ofstream out_;
  std::vector<ResultRow> rows_;
};

// Writes the tidy table (one row per task and quantity) as CSV and as a JSON array.
Status writeResultsCsv(const std::vector<ResultRow>& rows, const QString& path);
Status writeResultsJson(const std::vector<ResultRow>& rows, const QString& path);

}  // namespace miwb
