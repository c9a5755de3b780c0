#pragma once
// The keys of an experiment document that no part of the workbench reads ("smaples" for "samples"):
// Experiment::fromJson ignores them, so the front ends warn about each one, naming it and, when a
// declared key (experiment_fields.h) is spelt nearly the same, the one that was probably meant.
#include <string>
#include <vector>

#include "miwb/params.h"

namespace miwb {

struct UnknownKey {
  std::string path;        // e.g. "grid.smaples", "estimators[1].lable"
  std::string suggestion;  // the declared key at the same place it is nearest to ("grid.samples"), or empty
  // "unknown key 'grid.smaples' is ignored (did you mean 'grid.samples'?)": the CLI's and the window's words.
  std::string message() const;
};

// In document order. Plugin parameters are not looked at: their schemas refuse unknown ones.
std::vector<UnknownKey> unknownExperimentKeys(const Json& doc);

}  // namespace miwb
