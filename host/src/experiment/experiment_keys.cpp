#include "miwb/host/experiment/experiment_keys.h"

#include <set>

namespace miwb {

namespace {

// What Experiment::fromJson reads. Parameters under "params" belong to the plugins, whose schemas
// reject unknown ones with an error of their own.
const std::set<std::string> kTop{"schema", "name", "kind", "seed", "dataset", "estimators", "grid", "task_time_limit", "uncertainty"};
const std::set<std::string> kDataset{"id", "params"};
const std::set<std::string> kEstimator{"id", "params", "label", "quantities"};
const std::set<std::string> kGrid{"n", "repeats", "sweep", "layers", "epochs", "samples", "tasks"};
const std::set<std::string> kSweep{"param", "values"};

void collect(const Json& object, const std::set<std::string>& known, const std::string& prefix,
             std::vector<std::string>& out) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items())
    if (!known.count(key)) out.push_back(prefix + key);
}

}  // namespace

std::vector<std::string> unknownExperimentKeys(const Json& doc) {
  std::vector<std::string> out;
  collect(doc, kTop, "", out);
  if (!doc.is_object()) return out;
  if (doc.contains("dataset")) collect(doc["dataset"], kDataset, "dataset.", out);
  if (doc.contains("estimators") && doc["estimators"].is_array())
    for (std::size_t i = 0; i < doc["estimators"].size(); ++i)
      collect(doc["estimators"][i], kEstimator, "estimators[" + std::to_string(i) + "].", out);
  if (doc.contains("grid")) {
    collect(doc["grid"], kGrid, "grid.", out);
    if (doc["grid"].is_object() && doc["grid"].contains("sweep")) collect(doc["grid"]["sweep"], kSweep, "grid.sweep.", out);
  }
  return out;
}

}  // namespace miwb
