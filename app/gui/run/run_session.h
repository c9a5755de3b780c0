#pragma once
// The window's run lifecycle: a run's folder (a new one, or the folder of an interrupted run of the
// same experiment, which it continues), its job row, its results into the views through the
// ResultsRouter, and what is remembered about it when the window closes mid-run. The computation
// itself is RunController's, on a worker thread.
//
// A run's views are cleared when its first results (or training metrics) arrive, not when it
// starts: a run that fails before producing anything leaves the last good views alone. A run that
// continues an interrupted one starts from the rows already in that folder's journal, so the views
// always hold the experiment's whole record, not only what this run adds.
#include <QObject>
#include <QPointer>
#include <QString>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/run/result_row.h"

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class JobRow;
class JobsPanel;
class LogPanel;
class ResultsRouter;
class RunController;

class RunSession : public QObject {
  Q_OBJECT
 public:
  RunSession(const PluginRegistry& registry, ResultsRouter& router, JobsPanel& jobs, LogPanel& log,
             QObject* parent = nullptr);

  // Runs `experiment` (resolved) with `threads` (0: all cores). `document` is the experiment as the
  // form describes it: the same document run again into the same `outputBase` continues the run it
  // interrupted. Returns false, logging why, when no folder can be made or a run is going.
  bool start(const Experiment& experiment, const std::string& document, const QString& outputBase, int threads);
  void cancel();
  bool running() const;
  RunController* controller() const { return controller_; }
  // The folder of the run going on, or of the last one.
  QString folder() const { return folder_; }
  // A folder for `document`'s results under `outputBase`: the interrupted run's, or a new one (made).
  QString runFolder(const std::string& name, const std::string& document, const QString& outputBase);
  // Whether the run going on (or the last) has cleared the views for its results yet.
  bool viewsCleared() const { return viewsCleared_; }

 Q_SIGNALS:
  void finished(const miwb::RunSummary& summary, bool cancelled, const QString& error);

 private:
  void clearViewsForRun();
  void ended(const RunSummary& summary, bool cancelled, const QString& error);
  void rememberInterrupted(bool interrupted);
  QString interruptedFolder(const std::string& document, const QString& outputBase) const;

  ResultsRouter& router_;
  JobsPanel& jobs_;
  LogPanel& log_;
  RunController* controller_;
  Experiment experiment_;
  std::string document_;
  std::vector<ResultRow> earlierRows_;  // the journal of the interrupted run this one continues
  QString folder_;
  QPointer<JobRow> job_;
  bool viewsCleared_ = true;
};

}  // namespace miwb::gui
