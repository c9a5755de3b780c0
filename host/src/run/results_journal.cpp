#include "miwb/host/run/results_journal.h"

#include <QFile>
#include <map>

namespace miwb {

Status ResultsJournal::read(const QString& path, std::vector<ResultRow>& out, int* skippedLines) {
  out.clear();
  int skipped = 0;
  std::ifstream in(path.toStdString());
  if (!in) return Status::ok();  // no journal yet
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ResultRow row;
    Json parsed = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !ResultRow::fromJson(parsed, row)) {
      ++skipped;  // a line cut short by a kill: that task simply runs again
      continue;
    }
    out.push_back(std::move(row));
  }
  if (skippedLines) *skippedLines = skipped;
  return Status::ok();
}

Status ResultsJournal::open(const QString& path) {
  MIWB_TRY(read(path, rows_));
  bool needsNewline = false;
  {
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.size() > 0) {
      existing.seek(existing.size() - 1);
      char last = 0;
      needsNewline = existing.getChar(&last) && last != '\n';
    }
  }
  out_.open(path.toStdString(), std::ios::app);
  if (!out_) return Status::failed(path.toStdString() + ": cannot be opened for appending");
  if (needsNewline) out_ << '\n' << std::flush;
  return Status::ok();
}

Status ResultsJournal::append(const ResultRow& row) {
  const std::string line = row.toJson().dump();
  std::lock_guard lock(mutex_);
  out_ << line << '\n';
  out_.flush();
  if (!out_) return Status::failed("the results journal could not be written");
  rows_.push_back(row);
  return Status::ok();
}

std::vector<ResultRow> ResultsJournal::rows() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::size_t> latest;
  for (std::size_t i = 0; i < rows_.size(); ++i) latest[rows_[i].task] = i;
  std::vector<ResultRow> out;
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (latest[rows_[i].task] == i) out.push_back(rows_[i]);
  return out;
}

std::set<std::string> ResultsJournal::completedTasks() const {
  std::set<std::string> done;
  for (const auto& row : rows())
    if (row.ok) done.insert(row.task);
  return done;
}

Status writeResultsCsv(const std::vector<ResultRow>& rows, const QString& path) {
  std::ofstream out(path.toStdString(), std::ios::trunc);
  if (!out) return Status::failed(path.toStdString() + ": cannot be written");
  out << resultCsvHeader() << '\n';
  for (const auto& row : rows) out << toCsvLine(row) << '\n';
  return out ? Status::ok() : Status::failed(path.toStdString() + ": write failed");
}

Status writeResultsJson(const std::vector<ResultRow>& rows, const QString& path) {
  Json array = Json::array();
  for (const auto& row : rows) array.push_back(row.toJson());
  std::ofstream out(path.toStdString(), std::ios::trunc);
  if (!out) return Status::failed(path.toStdString() + ": cannot be written");
  out << array.dump(1) << '\n';
  return out ? Status::ok() : Status::failed(path.toStdString() + ": write failed");
}

}  // namespace miwb
