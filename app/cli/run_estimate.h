#pragma once
// `run --dry-run`: the experiment's task count and estimated time (miwb/host/run/run_cost.h), nothing run.
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/plugins/plugin_registry.h"

namespace cli {

// Prints "<name>: T tasks, about 6 min on 2 threads ..." and returns the exit code.
int printRunEstimate(const miwb::PluginRegistry& registry, const miwb::Experiment& experiment, int threads);

}  // namespace cli
