#pragma once
// An experiment document ("schema": "miwb.experiment/1"): what to run, parsed and checked. Messages
// name the offending field ("grid.n[2] must be a positive integer").
#include <optional>
#include <string>
#include <vector>

#include "miwb/host/benchmark/benchmark_grid.h"
#include "miwb/host/experiment/quantity.h"
#include "miwb/host/significance/permutation_test.h"
#include "miwb/host/trust/uncertainty.h"
#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

class PluginRegistry;

struct EstimatorSpec {
  std::string id;
  Json params = Json::object();
  std::string label;  // defaults to the id; unique within an experiment
  // What to measure with it (quantitiesOf(kind), in that order); empty in a document means
  // defaultQuantities(kind), and fromJson fills that in.
  std::vector<std::string> quantities;
};

struct ScalingGrid {
  std::vector<long long> n;      // sample sizes
  int repeats = 1;
  std::string sweepParam;        // empty: no sweep
  std::vector<Json> sweepValues;
};

struct PlaneGrid {
  std::vector<std::string> layers;  // empty: all
  std::vector<int> epochs;          // empty: all
  std::string samples = "all";      // all | train | test
};

struct Experiment {
  std::string name;
  ExperimentKind kind = ExperimentKind::Estimate;
  std::uint64_t seed = 0;
  std::string datasetId;
  Json datasetParams = Json::object();
  std::vector<EstimatorSpec> estimators;
  ScalingGrid scaling;  // estimate, scaling and benchmark kinds (estimate: one n; estimate and benchmark: no sweep)
  BenchmarkGrid benchmark;  // benchmark kind
  PlaneGrid plane;      // information-plane kind
  UncertaintyOptions uncertainty;  // "uncertainty": {"resamples": B, "level": L}; off by default
  // "significance": {"permutations": P, "neighbours": k}: a permutation test of every mutual
  // information (p_value and effective_nats in every row); off by default. Its seed is per task.
  SignificanceOptions significance;
  // "task_time_limit" (seconds): a task still running after it is stopped and journaled as failed.
  std::optional<double> taskTimeLimitSeconds;

  static Status fromJson(const Json& doc, Experiment& out);
  // Checks ids and parameters against the plugins, and fills in defaults.
  Status resolve(const PluginRegistry& registry);
  Json toJson() const;
};

Status readJsonFile(const std::string& path, Json& out);

}  // namespace miwb
