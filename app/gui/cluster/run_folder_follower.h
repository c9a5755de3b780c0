#pragma once
// Follows a run folder (the layout in miwb/host/run/run_folder.h): a finished run, or one that a
// local run or cluster shards are still writing. It reads every journal once, then a
// QFileSystemWatcher tells it when a journal grows or a new shard's journal appears, and it reads
// only the lines added since (JournalTail). No timer polls the folder; the reading happens on the
// thread the follower lives on, in steps as small as the appended lines.
#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <vector>

#include "miwb/host/run/journal_tail.h"
#include "miwb/host/run/run_folder.h"
#include "miwb/params.h"
#include "miwb/status.h"

class QFileSystemWatcher;

namespace miwb::gui {

struct ShardProgress {
  ShardSpec shard;
  int done = 0;    // tasks of the shard with a row (ok or failed)
  int failed = 0;
  int total = 0;   // 0 while the task list is not written yet
};

class RunFolderFollower : public QObject {
  Q_OBJECT
 public:
  explicit RunFolderFollower(QObject* parent = nullptr);
  ~RunFolderFollower() override;

  // Reads the folder and starts following it; an error (no experiment.json) names the folder.
  // `shardCount`: the K the folder's shards were submitted with, when known before any journal exists.
  Status follow(const QString& dir, int shardCount = 0);
  const QString& folder() const { return dir_; }
  const Json& experiment() const { return experiment_; }
  std::vector<ResultRow> rows() const { return rows_.rows(); }
  std::vector<ShardProgress> progress() const;

 Q_SIGNALS:
  void rowsAdded(const std::vector<miwb::ResultRow>& rows);
  // A task already shown got a new row (a rerun of a failed task, a merge): here is every row.
  void rowsReplaced(const std::vector<miwb::ResultRow>& rows);
  void progressChanged();

 private:
  void scanFolder();
  void readJournal(const QString& path);
  void readTaskList();

  QString dir_;
  Json experiment_;
  int shardCount_ = 0;
  QFileSystemWatcher* watcher_;
  std::map<QString, std::unique_ptr<JournalTail>> tails_;
  std::vector<PlannedTask> tasks_;
  RowUnion rows_;
};

}  // namespace miwb::gui
