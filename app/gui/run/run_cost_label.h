#pragma once
// The label next to Run: the experiment's task count and estimated time ("480 tasks, about 3 min"),
// from the core's run cost (miwb/host/run/run_cost.h), as `miwb-cli run --dry-run` prints it. Worked out
// on a worker thread a moment after the form stops changing (a store's shape may take a read); the
// store's shape is kept per dataset, so edits to the grid or the estimators cost no I/O.
#include <QLabel>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <string>

#include "miwb/params.h"

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class RunCostLabel : public QLabel {
  Q_OBJECT
 public:
  explicit RunCostLabel(const PluginRegistry& registry, QWidget* parent = nullptr);
  ~RunCostLabel() override;

  // The form's experiment and thread count (0: all cores but one, as the window runs it); an empty
  // document clears the label.
  void estimate(const Json& experiment, int threads);

 private:
  void start();

  const PluginRegistry& registry_;
  Json experiment_;
  int threads_ = 0;
  QTimer delay_;
  std::shared_ptr<struct RunCostCache> cache_;  // shared with the worker: outlives this label
  QThreadPool pool_;  // its destructor waits for an estimate in flight, which uses the registry
};

}  // namespace miwb::gui
