#include "run/run_cost_label.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <algorithm>
#include <mutex>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/run_cost.h"

namespace miwb::gui {

// What the worker keeps between estimates: the last store's shape, this machine's speed, and which
// request is current (a stale result is dropped).
struct RunCostCache {
  std::mutex mutex;
  std::string storeKey;
  ActivationStoreShape store;
  std::optional<MachineSpeed> speed;
  int generation = 0;
};

namespace {

QString estimateText(const PluginRegistry& registry, const Json& doc, int threads, RunCostCache& cache) {
  Experiment e;
  if (!Experiment::fromJson(doc, e).isOk() || !e.resolve(registry).isOk()) return {};
  RunShape shape;
  Status s = Status::ok();
  if (e.kind == ExperimentKind::InformationPlane) {
    const std::string key = e.datasetId + "|" + e.datasetParams.dump();
    ActivationStoreShape store;
    {
      std::lock_guard lock(cache.mutex);
      if (cache.storeKey == key) store = cache.store;
    }
    if (store.layers.empty()) {
      s = readStoreShape(registry, e, store);
      if (s) {
        std::lock_guard lock(cache.mutex);
        cache.storeKey = key;
        cache.store = store;
      }
    }
    if (s) s = planeShape(store, e, shape);
  } else {
    s = readRunShape(registry, e, shape);
  }
  if (!s) return {};
  MachineSpeed speed;
  {
    std::lock_guard lock(cache.mutex);
    if (!cache.speed) cache.speed = machineSpeed();
    speed = *cache.speed;
  }
  RunCost cost;
  const Status known = estimateRunCost(registry, e, shape, speed, threads, cost);
  const QString tasks = QStringLiteral("%1 tasks").arg(cost.tasks);
  if (!known) return tasks;
  const QString after = cost.preparation.empty() ? QString() : QString::fromStdString(", after " + cost.preparation);
  return tasks + ", " + QString::fromStdString(aboutDuration(cost.seconds)) + after;
}

}  // namespace

RunCostLabel::RunCostLabel(const PluginRegistry& registry, QWidget* parent)
    : QLabel(parent), registry_(registry), cache_(std::make_shared<RunCostCache>()) {
  setObjectName("runCost");
  // Wraps instead of widening the form: on one line ("840 tasks, about 1 s, after training the
  // network") it held the experiment dock at 600 px, half of a 1280 px window.
  setWordWrap(true);
  setMinimumWidth(80);
  setToolTip("Estimated from N, the layers' widths and each estimator's cost model, calibrated on this machine "
             "(miwb-cli run --dry-run prints the same)");
  pool_.setMaxThreadCount(1);
  delay_.setSingleShot(true);
  delay_.setInterval(300);
  connect(&delay_, &QTimer::timeout, this, &RunCostLabel::start);
}

RunCostLabel::~RunCostLabel() = default;

void RunCostLabel::estimate(const Json& experiment, int threads) {
  const int workers = threads > 0 ? threads : std::max(1, QThread::idealThreadCount() - 1);
  if (experiment == experiment_ && workers == threads_) return;
  experiment_ = experiment;
  threads_ = workers;
  {
    std::lock_guard lock(cache_->mutex);
    ++cache_->generation;  // whatever is in flight is stale now
  }
  if (experiment.is_null()) clear();
  else delay_.start();  // the last figure stays until the new one is ready
}

void RunCostLabel::start() {
  int generation = 0;
  {
    std::lock_guard lock(cache_->mutex);
    generation = cache_->generation;
  }
  QPointer<RunCostLabel> self(this);
  pool_.start([self, cache = cache_, generation, doc = experiment_, threads = threads_, &registry = registry_] {
    const QString text = estimateText(registry, doc, threads, *cache);
    QMetaObject::invokeMethod(
        qApp, [self, cache, generation, text] {
          std::lock_guard lock(cache->mutex);
          if (self && cache->generation == generation) self->setText(text);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace miwb::gui
