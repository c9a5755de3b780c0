#pragma once
// What a run will cost, said before it runs (`miwb-cli run --dry-run`, the label next to Run): its
// task count and an estimated time. Each estimator declares how its time grows, once, in its
// metadata: "cost_model": {"time": CLASS, "factor": F} with CLASS one of "N d", "N log N d", "N^2 d",
// "N^3" (per call: one task, or one layer at one epoch of a plane, whose two quantities come from one
// call; N after max_samples, d the columns the call sees) and F (default 1) its work relative to the
// class's micro-benchmark (ksg: 3, a kNN search and two range counts). The experiment and its data
// give the calls and their sizes; the micro-benchmarks, run once per user and cached, give this
// machine's seconds per unit. A rough figure, meant to be within a few times the real one.
#include <array>
#include <string>
#include <vector>

#include "miwb/dataset.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/status.h"

namespace miwb {

class PluginRegistry;
struct OfferingInfo;

enum class CostClass { Linear, NLogN, Pairs, Cubic };
inline constexpr int kCostClasses = 4;

struct CostModel {
  CostClass time = CostClass::Linear;
  double factor = 1;
};
// The one reader of an estimator's "cost_model"; an error names the estimator when it is missing or
// not one of the classes.
Status costModelOf(const OfferingInfo& info, CostModel& out);
// N d, N log2 N d, N^2 d or N^3.
double costUnits(CostClass c, double n, double d);

// The sizes a run's cost depends on. Plane: the selected samples and each layer's units. Scaling,
// estimate and benchmark: the columns dx + dy of each swept value's or benchmark task's pairs.
struct RunShape {
  Index samples = 0;
  std::vector<std::string> layers;
  std::vector<Index> units;
  std::vector<int> epochs;
  std::vector<Index> pairColumns;
};

// From the dataset: a store's shape (readStoreShape) or two sampled rows of its pairs.
Status readRunShape(const PluginRegistry& registry, const Experiment& e, RunShape& out);
// A plane's store as its dataset describes it (no training, no activations read) or, where it
// cannot, by opening it and reading one slice per layer.
Status readStoreShape(const PluginRegistry& registry, const Experiment& e, ActivationStoreShape& out);
// A store's shape with the experiment's choice of samples (all, train, test) applied.
Status planeShape(const ActivationStoreShape& store, const Experiment& e, RunShape& out);

// Seconds per unit of each class on one thread of this machine.
struct MachineSpeed {
  std::array<double, kCostClasses> secondsPerUnit{};
};
// Measured once (well under a second) and cached in the user's cache folder (miwb/machine-speed.json).
MachineSpeed machineSpeed();
// The micro-benchmarks themselves (what machineSpeed() caches).
MachineSpeed measureMachineSpeed();

struct RunCost {
  int tasks = 0;
  double seconds = 0;       // the estimators' calls on `threads` threads, spread evenly over them
  std::string preparation;  // what opening the dataset does first, not in `seconds` ("training the network")
};
// `e` resolved against `registry`; `threads` 0 means all cores. An estimator without a cost model
// gives an error naming it, with out.tasks counted all the same.
Status estimateRunCost(const PluginRegistry& registry, const Experiment& e, const RunShape& shape,
                       const MachineSpeed& speed, int threads, RunCost& out);

// "under a second", "about 40 s", "about 6 min", "about 2.5 h".
std::string aboutDuration(double seconds);

}  // namespace miwb
