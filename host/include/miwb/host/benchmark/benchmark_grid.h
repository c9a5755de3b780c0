#pragma once
// The grid of a `benchmark` experiment (the "Beyond Normal" suite of Czyz et al. 2023): which
// tasks of the dataset's `task` parameter to run, at which sample sizes and how often. Any pair
// source with a Choice parameter named `task` can be benchmarked; its `custom` choice (a task set up
// by further parameters) is never part of "all".
#include <string>
#include <vector>

#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

struct OfferingInfo;

// One task as the heatmap names it: the dataset's metadata list "tasks" gives a readable family and
// label; without one, the label is the id and the family empty (no group).
struct BenchmarkTask {
  std::string id;
  std::string family;
  std::string label;
};

struct BenchmarkGrid {
  bool allTasks = false;               // the document said "all"
  std::vector<std::string> taskIds;    // as listed; after resolve, every task to run, in the dataset's order for "all"
  // Filled in by resolve:
  std::vector<BenchmarkTask> tasks;            // taskIds with their family and label
  std::vector<std::string> neuralEstimators;   // labels of estimators whose metadata says "neural": true
};

inline constexpr const char* kBenchmarkTaskParam = "task";
inline constexpr const char* kCustomTask = "custom";

// Reads grid.tasks ("all" or a non-empty list of ids).
Status parseBenchmarkTasks(const Json& grid, BenchmarkGrid& out);
// Checks the dataset has a `task` Choice parameter and every listed id is one of its choices, and
// expands "all".
Status resolveBenchmarkTasks(const OfferingInfo& dataset, BenchmarkGrid& grid);

}  // namespace miwb
