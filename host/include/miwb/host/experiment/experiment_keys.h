#pragma once
// The keys of an experiment document that no part of the workbench reads ("smaples" for "samples"):
// Experiment::fromJson ignores them, so the front ends warn about each one, naming it.
#include <string>
#include <vector>

#include "miwb/params.h"

namespace miwb {

// Dotted paths of the unknown keys, e.g. "grid.smaples", "estimators[1].lable", in document order.
std::vector<std::string> unknownExperimentKeys(const Json& doc);

}  // namespace miwb
