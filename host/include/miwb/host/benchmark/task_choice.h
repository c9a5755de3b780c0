#pragma once
// The `task` parameter of a benchmark suite (a dataset whose metadata lists its "tasks") has too
// many choices to list in one error line, so an unknown task is told what the ids look like instead.
#include <string>

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb {

// The task families of a dataset's "tasks" metadata, in order of first appearance, comma-separated.
std::string taskFamilies(const Json& tasks);

// Ok unless `params` sets `task` to a value the dataset does not offer and the dataset describes its
// tasks ("task_hint", else the families of "tasks"): then one line that names the value, the dataset
// and that description. Other datasets and parameters are left to ParamSchema::resolve.
Status checkTaskChoice(const OfferingInfo& dataset, const Json& params);

}  // namespace miwb
