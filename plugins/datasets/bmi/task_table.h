#pragma once
// The 40 tasks of the bmi benchmark (Czyz et al. 2023), by their ids as bmi spells them, in bmi's
// order grouped by family (the metadata's "tasks" list names and groups the same ids for hosts).
#include <string>
#include <vector>

#include "task_spec.h"

namespace miwb::bmi {

struct NamedTask {
  std::string id;
  TaskSpec spec;
};

const std::vector<NamedTask>& namedTasks();

// The task with this id; an unknown id gets a message listing the families and their id patterns.
Status findTask(const std::string& id, TaskSpec& out);

}  // namespace miwb::bmi
