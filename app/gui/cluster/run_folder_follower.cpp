#include "cluster/run_folder_follower.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>

#include "miwb/host/experiment/experiment.h"

namespace miwb::gui {

RunFolderFollower::RunFolderFollower(QObject* parent) : QObject(parent), watcher_(new QFileSystemWatcher(this)) {
  connect(watcher_, &QFileSystemWatcher::fileChanged, this, [this](const QString& path) {
    if (QFileInfo(path).fileName() == kTaskListFile) readTaskList();
    else readJournal(path);
  });
  // A new journal or a file replaced by a rename (tasks.json, a merged results.jsonl).
  connect(watcher_, &QFileSystemWatcher::directoryChanged, this, [this] { scanFolder(); });
}

RunFolderFollower::~RunFolderFollower() = default;

Status RunFolderFollower::follow(const QString& dir, int shardCount) {
  const QString experimentPath = QDir(dir).filePath(kExperimentFile);
  if (!QFileInfo(dir).isDir()) return Status::invalidInput(dir.toStdString() + ": no such folder");
  if (!QFileInfo::exists(experimentPath))
    return Status::invalidInput(dir.toStdString() + ": no experiment.json, so this is not a run folder");
  Json experiment;
  MIWB_TRY(readJsonFile(experimentPath.toStdString(), experiment));
  Experiment parsed;
  MIWB_TRY(Experiment::fromJson(experiment, parsed).withContext(experimentPath.toStdString()));
  dir_ = dir;
  experiment_ = experiment;
  shardCount_ = shardCount;
  watcher_->addPath(dir_);
  scanFolder();
  return Status::ok();
}

void RunFolderFollower::scanFolder() {
  const QString taskList = QDir(dir_).filePath(kTaskListFile);
  if (QFileInfo::exists(taskList) && !watcher_->files().contains(taskList)) {
    watcher_->addPath(taskList);
    readTaskList();
  }
  for (const JournalFile& journal : journalsIn(dir_)) {
    if (journal.shard) shardCount_ = std::max(shardCount_, journal.shard->count);
    if (!tails_.count(journal.path)) tails_[journal.path] = std::make_unique<JournalTail>(journal.path);
    // Re-added after a rename dropped the watch; reading again costs only the new lines.
    if (!watcher_->files().contains(journal.path)) watcher_->addPath(journal.path);
    readJournal(journal.path);
  }
}

void RunFolderFollower::readTaskList() {
  std::vector<PlannedTask> tasks;
  if (miwb::readTaskList(dir_, tasks) && !tasks.empty() && tasks != tasks_) {
    tasks_ = std::move(tasks);
    Q_EMIT progressChanged();
  }
  const QString taskList = QDir(dir_).filePath(kTaskListFile);
  if (QFileInfo::exists(taskList) && !watcher_->files().contains(taskList)) watcher_->addPath(taskList);
}

void RunFolderFollower::readJournal(const QString& path) {
  auto it = tails_.find(path);
  if (it == tails_.end()) return;
  std::vector<ResultRow> fresh;
  it->second->readNew(fresh);
  if (fresh.empty()) return;
  std::vector<ResultRow> added;
  bool replaced = false;
  for (const ResultRow& row : fresh) {
    const ResultRow* before = rows_.find(row.task);
    const bool same = before && before->toJson() == row.toJson();
    if (rows_.add(row)) replaced |= !same;
    else added.push_back(row);
  }
  if (replaced) Q_EMIT rowsReplaced(rows_.rows());
  else if (!added.empty()) Q_EMIT rowsAdded(added);
  Q_EMIT progressChanged();
}

std::vector<ShardProgress> RunFolderFollower::progress() const {
  const int k = std::max(1, shardCount_);
  std::vector<ShardProgress> out(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) out[std::size_t(i)].shard = {i, k};
  if (tasks_.empty()) {
    for (const ResultRow& row : rows_.rows()) {
      auto& p = out[std::size_t(shardOf(row.task, row.quantity, k))];
      ++p.done;
      p.failed += !row.ok;
    }
    return out;
  }
  for (const PlannedTask& task : tasks_) {
    auto& p = out[std::size_t(shardOf(task.task, task.quantity, k))];
    ++p.total;
    if (const ResultRow* row = rows_.find(task.task)) {
      ++p.done;
      p.failed += !row->ok;
    }
  }
  return out;
}

}  // namespace miwb::gui
