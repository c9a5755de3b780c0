#include "miwb/host/benchmark/task_choice.h"

#include <algorithm>
#include <vector>

#include "miwb/host/benchmark/benchmark_grid.h"

namespace miwb {

std::string taskFamilies(const Json& tasks) {
  std::vector<std::string> families;
  if (tasks.is_array())
    for (const Json& t : tasks)
      if (t.is_object() && t.contains("family") && t["family"].is_string()) {
        const std::string f = t["family"].get<std::string>();
        if (std::find(families.begin(), families.end(), f) == families.end()) families.push_back(f);
      }
  std::string text;
  for (const auto& f : families) text += (text.empty() ? "" : ", ") + f;
  return text;
}

Status checkTaskChoice(const OfferingInfo& dataset, const Json& params) {
  if (!params.is_object() || !params.contains(kBenchmarkTaskParam)) return Status::ok();
  const ParamSpec* spec = dataset.params.find(kBenchmarkTaskParam);
  if (!spec || spec->type != ParamType::Choice) return Status::ok();
  const Json& value = params[kBenchmarkTaskParam];
  if (value.is_string() && std::find(spec->choices.begin(), spec->choices.end(), value.get<std::string>()) != spec->choices.end())
    return Status::ok();
  std::string expected;
  if (dataset.extra.contains("task_hint") && dataset.extra["task_hint"].is_string())
    expected = dataset.extra["task_hint"].get<std::string>();
  else if (const std::string families = taskFamilies(dataset.extra.value("tasks", Json::array())); !families.empty())
    expected = "a task id of the families " + families;
  if (expected.empty()) return Status::ok();
  const std::string shown = value.is_string() ? "'" + value.get<std::string>() + "'" : value.dump();
  return Status::invalidInput("unknown task " + shown + " for dataset '" + dataset.id + "': expected " + expected);
}

}  // namespace miwb
