#include "miwb/host/experiment/experiment_fields.h"

#include <cctype>

namespace miwb {

const std::vector<ExperimentField>& experimentFields() {
  namespace f = field;
  static const std::vector<ExperimentField> fields{
      {f::kSchema, "string", "", "all", "Schema", "Always \"miwb.experiment/1\": the version of this document's format."},
      {f::kName, "string", "\"experiment\"", "all", "Name", "Names the run: its folder, job and figures."},
      {f::kKind, "string", "", "all", "Kind",
       "\"estimate\", \"scaling\", \"information-plane\" or \"benchmark\": what is run and which view shows it."},
      {f::kSeed, "integer >= 0", "0", "all", "Seed",
       "Every task's random numbers derive from this seed and the task's key: same seed, same results."},
      {f::kTaskTimeLimit, "number > 0 (seconds)", "none", "all", "Task time limit",
       "A task still running after this many seconds is stopped and journaled as failed."},
      {f::kDataset, "object", "", "all", "Dataset", "Where the samples come from: a dataset plugin and its parameters."},
      {f::kDatasetId, "string", "", "all", "Dataset", "The dataset plugin's id (miwb-cli plugins lists them)."},
      {f::kDatasetParams, "object", "{}", "all", "Dataset parameters",
       "The dataset's parameters, checked against its schema (docs/parameters.md); missing ones take their defaults.",
       true},
      {f::kEstimators, "non-empty list of objects", "", "all", "Estimators", "The estimators to run, each on every task."},
      {f::kEstimatorId, "string", "", "all", "Estimator", "The estimator plugin's id."},
      {f::kEstimatorParams, "object", "{}", "all", "Estimator parameters",
       "The estimator's parameters, checked against its schema; missing ones take their defaults.", true},
      {f::kEstimatorLabel, "string", "the id", "all", "Label",
       "The estimator's name in views, tables and figures; unique within the experiment."},
      {f::kEstimatorQuantities, "non-empty list of strings", "the kind's mutual information", "all", "Measures",
       "What to measure: I(X;Y), H(X), H(Y) and the conditional MI given Z (datasets that draw one) for pairs; I(X;T), I(T;Y), H(T) for a plane."},
      {f::kGrid, "object", "{}", "all", "Grid", "What each estimator is run on: sample sizes and repeats, or layers and epochs."},
      {f::kGridN, "integer (estimate) or non-empty list of integers", "", "estimate, scaling, benchmark", "N",
       "Sample sizes N: one for a single estimate, several for a scaling curve or a benchmark."},
      {f::kGridRepeats, "integer > 0", "1", "estimate, scaling, benchmark", "Repeats",
       "Independent repeats per N, each on fresh samples: their spread gives the +/- 1 std band."},
      {f::kGridSweep, "object", "none", "scaling", "Sweep", "Optional: one curve per value of a dataset parameter."},
      {f::kGridSweepParam, "string", "", "scaling", "Sweep parameter", "The dataset parameter swept (e.g. rho)."},
      {f::kGridSweepValues, "non-empty list", "", "scaling", "Sweep values", "The values it takes, one curve each."},
      {f::kGridTasks, "\"all\" or non-empty list of task ids", "", "benchmark", "Tasks",
       "The suite's tasks to run (the dataset's 'task' choices)."},
      {f::kGridLayers, "\"all\" or non-empty list of layer names", "\"all\"", "information-plane", "Layers",
       "The store's layers to estimate, in the store's order."},
      {f::kGridEpochs, "\"all\" or non-empty list of integers", "\"all\"", "information-plane", "Epochs",
       "The recorded epochs to estimate."},
      {f::kGridSamples, "\"all\", \"train\" or \"test\"", "\"all\"", "information-plane", "Samples",
       "Which samples enter the estimates (train and test need a train mask in the store)."},
      {f::kUncertainty, "object", "none (no intervals)", "all", "Uncertainty",
       "Intervals from random halves of the rows: every result row gets ci_low_nats and ci_high_nats (docs/trust.md)."},
      {f::kUncertaintyResamples, "integer >= 2", "", "all", "Uncertainty resamples", "How many random halves each interval is drawn from."},
      {f::kUncertaintyLevel, "number in (0, 1)", "0.9", "all", "Uncertainty level", "The intervals' coverage."},
      {f::kSignificance, "object", "none (no tests)", "all", "Significance",
       "A permutation test of every mutual information: each row gets p_value and effective_nats (docs/significance.md)."},
      {f::kSignificancePermutations, "integer from 1 to 1000000", "", "all",
       "Permutations", "P copies with X's rows permuted; the smallest p is 1 / (1 + P)."},
      {f::kSignificanceNeighbours, "integer from 1 to 1000", "5", "all",
       "Permutation neighbours", "For a conditional MI: each sample's X comes from one of this many nearest samples in Z."},
  };
  return fields;
}

std::string fieldPattern(std::string_view path) {
  std::string out;
  bool inIndex = false;
  for (const char c : path) {
    if (c == '[') {
      inIndex = true;
      out += "[]";
    } else if (c == ']') {
      inIndex = false;
    } else if (!inIndex) {
      out += c;
    }
  }
  return out;
}

const ExperimentField* findExperimentField(std::string_view path) {
  std::string pattern = fieldPattern(path);
  while (!pattern.empty()) {
    for (const ExperimentField& f : experimentFields())
      if (f.path == pattern) return &f;
    // Up one level: a list's item, then a key.
    if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, "[]") == 0) {
      pattern.resize(pattern.size() - 2);
      continue;
    }
    const auto dot = pattern.rfind('.');
    if (dot == std::string::npos) break;
    pattern.resize(dot);
  }
  return nullptr;
}

int fieldItemIndex(std::string_view path) {
  const auto open = path.find('[');
  if (open == std::string_view::npos) return -1;
  int index = 0;
  bool digits = false;
  for (std::size_t i = open + 1; i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])); ++i) {
    index = index * 10 + (path[i] - '0');
    digits = true;
  }
  return digits ? index : -1;
}

std::string fieldKey(std::string_view path) {
  std::string pattern = fieldPattern(path);
  while (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, "[]") == 0) pattern.resize(pattern.size() - 2);
  const auto dot = pattern.rfind('.');
  return dot == std::string::npos ? pattern : pattern.substr(dot + 1);
}

}  // namespace miwb
