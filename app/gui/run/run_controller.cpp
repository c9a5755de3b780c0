#include "run/run_controller.h"

#include <QMetaObject>
#include <QThread>
#include <algorithm>

namespace miwb::gui {

RunController::RunController(const PluginRegistry& registry, QObject* parent) : QObject(parent), registry_(registry) {
  qRegisterMetaType<std::vector<miwb::ResultRow>>();
  qRegisterMetaType<std::vector<miwb::gui::MetricPoint>>();
  qRegisterMetaType<miwb::RunSummary>();
}

RunController::~RunController() {
  cancel_.store(true);
  join();
}

void RunController::join() {
  if (worker_.joinable()) worker_.join();
}

int RunController::threadsFor(int requested) {
  // All cores, not all but one: on two cores "all but one" halved the speed, and the run's
  // threads already yield to the window (background priority).
  return requested > 0 ? requested : std::max(1, QThread::idealThreadCount());
}

bool RunController::start(const Experiment& experiment, const QString& outDir, int threads) {
  if (worker_.joinable()) return false;
  cancel_.store(false);
  {
    std::lock_guard lock(mutex_);
    pending_ = Pending{};
  }
  worker_ = std::thread([this, experiment, outDir, threads] {
    RunObserver observer;
    observer.result = [this](const ResultRow& row) { post([&](Pending& p) { p.rows.push_back(row); }); };
    observer.progress = [this](int done, int total) {
      post([&](Pending& p) {
        p.done = done;
        p.total = total;
      });
    };
    observer.preparing = [this](const std::string& stage, double fraction) {
      post([&](Pending& p) {
        p.stage = QString::fromStdString(stage);
        p.stageFraction = fraction;
      });
    };
    observer.metric = [this](const std::string& name, double step, double value) {
      post([&](Pending& p) { p.metrics.push_back({QString::fromStdString(name), step, value}); });
    };
    observer.log = [this](const std::string& message) {
      post([&](Pending& p) { p.logs.push_back(QString::fromStdString(message)); });
    };
    RunOptions options;
    options.threads = threadsFor(threads);
    options.outDir = outDir;
    options.background = true;
    options.cancel = &cancel_;
    RunSummary summary;
    Status status;
    {  // the runner (and the data it holds) is gone before the GUI thread joins this thread
      ExperimentRunner runner(registry_, experiment);
      status = runner.run(options, observer, summary);
    }
    const bool cancelled = status.code() == StatusCode::Cancelled || summary.cancelled;
    const QString error = status || cancelled ? QString() : QString::fromStdString(status.message());
    post([&](Pending& p) { p.outcome = Outcome{summary, cancelled, error}; });
  });
  return true;
}

void RunController::cancel() { cancel_.store(true); }

void RunController::post(const std::function<void(Pending&)>& add) {
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    add(pending_);
    first = !pending_.posted;
    pending_.posted = true;
  }
  if (first) QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void RunController::drain() {
  Pending batch;
  {
    std::lock_guard lock(mutex_);
    batch = std::move(pending_);
    pending_ = Pending{};
  }
  for (const QString& message : batch.logs) Q_EMIT logged(message);
  if (batch.stageFraction >= 0) Q_EMIT preparing(batch.stage, batch.stageFraction);
  if (!batch.metrics.empty()) Q_EMIT metrics(batch.metrics);
  if (!batch.rows.empty()) Q_EMIT results(batch.rows);
  if (batch.done >= 0) Q_EMIT progress(batch.done, batch.total);
  if (batch.outcome) {
    join();  // the worker's last act was posting the outcome
    Q_EMIT finished(batch.outcome->summary, batch.outcome->cancelled, batch.outcome->error);
  }
}

}  // namespace miwb::gui
