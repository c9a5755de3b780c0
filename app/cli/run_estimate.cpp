#include "run_estimate.h"

#include <tbb/info.h>

#include <iomanip>
#include <iostream>

#include "cli_common.h"
#include "miwb/host/run/run_cost.h"

namespace cli {

int printRunEstimate(const miwb::PluginRegistry& registry, const miwb::Experiment& experiment, int threads) {
  miwb::RunShape shape;
  if (auto s = miwb::readRunShape(registry, experiment, shape); !s) return fail(s);
  miwb::RunCost cost;
  const miwb::Status known = miwb::estimateRunCost(registry, experiment, shape, miwb::machineSpeed(), threads, cost);
  const int workers = threads > 0 ? threads : tbb::info::default_concurrency();
  std::cout << experiment.name << ": " << cost.tasks << " tasks, ";
  if (known) {
    std::cout << miwb::aboutDuration(cost.seconds) << " (" << std::setprecision(3) << cost.seconds << " s) on " << workers
              << (workers == 1 ? " thread" : " threads");
    if (!cost.preparation.empty()) std::cout << ", after " << cost.preparation << " (not estimated)";
    std::cout << " (estimated from the estimators' cost models; nothing was run)" << std::endl;
  }
  else
    std::cout << "time unknown (" << known.message() << "); nothing was run" << std::endl;
  return kOk;
}

}  // namespace cli
