#include "miwb/host/benchmark/benchmark_grid.h"

#include <algorithm>
#include <map>

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The families of the dataset's tasks, in first-seen order ("Gaussian dense, Student-t, ..."), for
// messages; empty when the metadata lists none.
std::string taskFamilies(const Json& tasks) {
  std::vector<std::string> families;
  if (tasks.is_array())
    for (const Json& t : tasks)
      if (t.is_object() && t.contains("family") && t["family"].is_string()) {
        const std::string f = t["family"].get<std::string>();
        if (std::find(families.begin(), families.end(), f) == families.end()) families.push_back(f);
      }
  return joined(families);
}

}  // namespace

Status parseBenchmarkTasks(const Json& grid, BenchmarkGrid& out) {
  if (!grid.contains("tasks")) return Status::invalidInput("field 'grid.tasks' is missing (give \"all\" or a list of task ids)");
  const Json& tasks = grid["tasks"];
  if (tasks.is_string() && tasks.get<std::string>() == "all") {
    out.allTasks = true;
    return Status::ok();
  }
  if (!tasks.is_array() || tasks.empty())
    return Status::invalidInput("field 'grid.tasks' must be \"all\" or a non-empty list of task ids");
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (!tasks[i].is_string() || tasks[i].get<std::string>().empty())
      return Status::invalidInput("field 'grid.tasks[" + std::to_string(i) + "]' must be a task id (a string)");
    const std::string id = tasks[i].get<std::string>();
    if (std::find(out.taskIds.begin(), out.taskIds.end(), id) != out.taskIds.end())
      return Status::invalidInput("field 'grid.tasks[" + std::to_string(i) + "]' repeats the task '" + id + "'");
    out.taskIds.push_back(id);
  }
  return Status::ok();
}

Status resolveBenchmarkTasks(const OfferingInfo& dataset, BenchmarkGrid& grid) {
  const ParamSpec* spec = dataset.params.find(kBenchmarkTaskParam);
  if (!spec || spec->type != ParamType::Choice)
    return Status::invalidInput("field 'dataset.id': dataset '" + dataset.id +
                                "' has no 'task' choice parameter, so it cannot be benchmarked (use a suite such as 'bmi')");
  std::vector<std::string> available;
  for (const auto& c : spec->choices)
    if (c != kCustomTask) available.push_back(c);
  if (grid.allTasks) {
    grid.taskIds = available;
  } else {
    const Json metaTasks = dataset.extra.value("tasks", Json::array());
    for (std::size_t i = 0; i < grid.taskIds.size(); ++i) {
      const std::string& id = grid.taskIds[i];
      if (std::find(available.begin(), available.end(), id) != available.end()) continue;
      const std::string field = "field 'grid.tasks[" + std::to_string(i) + "]': ";
      if (id == kCustomTask)
        return Status::invalidInput(field + "'custom' is set up by the dataset's parameters and is not a benchmark task");
      const std::string families = taskFamilies(metaTasks);
      // 40 ids are too many for one line; the families say what there is, the plugin list the ids.
      if (!families.empty())
        return Status::invalidInput(field + "dataset '" + dataset.id + "' has no task '" + id + "' (its " +
                                    std::to_string(available.size()) + " tasks come in the families " + families +
                                    "; `miwb-cli plugins --json` lists their ids)");
      return Status::invalidInput(field + "dataset '" + dataset.id + "' has no task '" + id + "' (its tasks: " +
                                  joined(available) + ")");
    }
  }
  if (grid.taskIds.empty())
    return Status::invalidInput("field 'grid.tasks': dataset '" + dataset.id + "' offers no benchmark tasks");
  std::map<std::string, BenchmarkTask> named;
  const Json metaTasks = dataset.extra.value("tasks", Json::array());
  if (metaTasks.is_array())
    for (const Json& t : metaTasks)
      if (t.is_object() && t.contains("id") && t["id"].is_string()) {
        BenchmarkTask task{t["id"].get<std::string>(), t.value("family", std::string()), t.value("label", std::string())};
        named[task.id] = task;
      }
  grid.tasks.clear();
  for (const auto& id : grid.taskIds) {
    BenchmarkTask task = named.count(id) ? named[id] : BenchmarkTask{id, {}, {}};
    if (task.label.empty()) task.label = id;
    grid.tasks.push_back(task);
  }
  return Status::ok();
}

}  // namespace miwb
