#pragma once
// The fields of an experiment document ("schema": "miwb.experiment/1"), declared once: path, type,
// default, label and help. The parser names its errors by these paths (Status::field()), the
// unknown-key check knows a key by them, the window labels its widgets and shows the fields it has
// no widget for with them, and docs/experiments.md lists them (a test holds the two together).
//
// A path joins keys with '.'; "[]" stands for any item of a list ("estimators[].label"). A path in a
// Status carries the item's index instead ("estimators[1].label", "grid.n[2]").
#include <string>
#include <string_view>
#include <vector>

namespace miwb {

struct ExperimentField {
  std::string_view path;
  std::string_view type;          // as the docs say it: "integer", "list of integers", "object", ...
  std::string_view defaultValue;  // as the docs show it; empty: required (where its parent is given)
  std::string_view kinds;         // the experiment kinds it applies to, "all" or a comma-separated list
  std::string_view label;         // the window's name for it ("N", "Repeats")
  std::string_view help;          // one sentence: tooltips and the docs
  // An object whose keys belong to a plugin's parameter schema, which checks them itself.
  bool pluginParams = false;
};

namespace field {
inline constexpr std::string_view kSchema = "schema";
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kKind = "kind";
inline constexpr std::string_view kSeed = "seed";
inline constexpr std::string_view kTaskTimeLimit = "task_time_limit";
inline constexpr std::string_view kDataset = "dataset";
inline constexpr std::string_view kDatasetId = "dataset.id";
inline constexpr std::string_view kDatasetParams = "dataset.params";
inline constexpr std::string_view kEstimators = "estimators";
inline constexpr std::string_view kEstimatorId = "estimators[].id";
inline constexpr std::string_view kEstimatorParams = "estimators[].params";
inline constexpr std::string_view kEstimatorLabel = "estimators[].label";
inline constexpr std::string_view kEstimatorQuantities = "estimators[].quantities";
inline constexpr std::string_view kGrid = "grid";
inline constexpr std::string_view kGridN = "grid.n";
inline constexpr std::string_view kGridRepeats = "grid.repeats";
inline constexpr std::string_view kGridSweep = "grid.sweep";
inline constexpr std::string_view kGridSweepParam = "grid.sweep.param";
inline constexpr std::string_view kGridSweepValues = "grid.sweep.values";
inline constexpr std::string_view kGridTasks = "grid.tasks";
inline constexpr std::string_view kGridLayers = "grid.layers";
inline constexpr std::string_view kGridEpochs = "grid.epochs";
inline constexpr std::string_view kGridSamples = "grid.samples";
inline constexpr std::string_view kUncertainty = "uncertainty";
inline constexpr std::string_view kUncertaintyResamples = "uncertainty.resamples";
inline constexpr std::string_view kUncertaintyLevel = "uncertainty.level";
inline constexpr std::string_view kSignificance = "significance";
inline constexpr std::string_view kSignificancePermutations = "significance.permutations";
inline constexpr std::string_view kSignificanceNeighbours = "significance.neighbours";
}  // namespace field

// Every field, parents before their children, in the order the docs list them.
const std::vector<ExperimentField>& experimentFields();

// "estimators[1].params.bins" -> "estimators[].params.bins": a concrete path as a declared one.
std::string fieldPattern(std::string_view path);
// The declared field a concrete path is about: itself, else the nearest declared ancestor
// ("grid.n[2]" -> grid.n, "estimators[0].params.bins" -> estimators[].params); nullptr if none.
const ExperimentField* findExperimentField(std::string_view path);
// The index of the first list item a concrete path names ("estimators[1].label" -> 1), or -1.
int fieldItemIndex(std::string_view path);
// The last key of a path ("estimators[0].params.binz" -> "binz", "grid.n[2]" -> "n").
std::string fieldKey(std::string_view path);

}  // namespace miwb
