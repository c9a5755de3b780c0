#pragma once
// Runs one experiment on a worker thread through miwb::ExperimentRunner and hands what it reports
// to the GUI thread as queued signals. The runner's callbacks come from worker threads: they only
// append to a locked buffer and, when the buffer was empty, post one queued call that drains it, so
// a burst of a thousand results costs the event loop one turn, not a thousand. The GUI thread never
// waits on the computation; cancel() only sets the atomic flag the runner polls.
// Everything the worker hands over, the run's outcome included, goes through that locked buffer;
// the queued call carries no data (it names drain), so the hand-over is one std::mutex that
// ThreadSanitizer can check, not reference counts inside libQt6Core that it cannot see.
#include <QObject>
#include <QString>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

struct MetricPoint {
  QString name;
  double step = 0;
  double value = 0;
};

class RunController : public QObject {
  Q_OBJECT
 public:
  explicit RunController(const PluginRegistry& registry, QObject* parent = nullptr);
  ~RunController() override;  // cancels and joins a run still going

  // `experiment` must be resolved. Returns false (and does nothing) while a run is going.
  bool start(const Experiment& experiment, const QString& outDir, int threads);
  void cancel();
  bool running() const { return worker_.joinable(); }
  // The worker threads a run gets for the panel's count: 0 means every core. The run's threads
  // are at background priority, so the window's event loop still turns.
  static int threadsFor(int requested);

 Q_SIGNALS:
  void results(const std::vector<miwb::ResultRow>& rows);
  void progress(int done, int total);
  void preparing(const QString& stage, double fraction);
  void metrics(const std::vector<miwb::gui::MetricPoint>& points);
  void logged(const QString& message);
  // status: empty when the run ended normally; cancelled tells a cancel from a failure.
  void finished(const miwb::RunSummary& summary, bool cancelled, const QString& error);

 private:
  struct Outcome {
    RunSummary summary;
    bool cancelled = false;
    QString error;
  };
  struct Pending {
    std::vector<ResultRow> rows;
    std::vector<MetricPoint> metrics;
    std::vector<QString> logs;
    int done = -1, total = 0;
    QString stage;
    double stageFraction = -1;
    std::optional<Outcome> outcome;  // set by the worker's last post: the run is over
    bool posted = false;
  };
  void post(const std::function<void(Pending&)>& add);
  // On the GUI thread: emits what the worker left in pending_ and, once the run is over, joins
  // the worker and emits finished.
  Q_INVOKABLE void drain();
  void join();

  // Threads: registry_ is only read (its const calls are thread-safe); worker_ is started, tested
  // and joined on the GUI thread only; cancel_ is atomic; pending_ is shared by the worker and the
  // GUI thread under mutex_.
  const PluginRegistry& registry_;
  std::thread worker_;
  std::atomic<bool> cancel_{false};
  std::mutex mutex_;
  Pending pending_;
};

}  // namespace miwb::gui
