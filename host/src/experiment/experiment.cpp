#include "miwb/host/experiment/experiment.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb {
namespace {

std::string typeOf(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  return "an object";
}

// Every failure names its field twice: in the sentence, and as data (Status::field()) for the window.
Status fieldProblem(const std::string& field, const std::string& problem) {
  return Status::invalidInput("field '" + field + "' " + problem).atField(field);
}

Status fieldError(const std::string& field, const std::string& must, const Json& got) {
  return fieldProblem(field, "must be " + must + ", got " + typeOf(got));
}

Status getString(const Json& obj, const std::string& key, const std::string& field, std::string& out, bool required) {
  if (!obj.contains(key)) {
    if (required) return fieldProblem(field, "is missing");
    return Status::ok();
  }
  if (!obj[key].is_string() || obj[key].get<std::string>().empty()) return fieldError(field, "a non-empty string", obj[key]);
  out = obj[key].get<std::string>();
  return Status::ok();
}

// A positive integer no larger than `max`, written as an integer or as an integral float (1e4).
// Floats are range-checked before any conversion: casting 1e300 to an integer is undefined.
bool isPositiveInteger(const Json& v, long long max = std::numeric_limits<long long>::max()) {
  if (v.is_number_unsigned()) return v.get<unsigned long long>() > 0 && v.get<unsigned long long>() <= static_cast<unsigned long long>(max);
  if (v.is_number_integer()) return v.get<long long>() > 0 && v.get<long long>() <= max;
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return d >= 1 && d <= 0x1p53 && d <= static_cast<double>(max) && d == std::floor(d);
}
long long positiveInteger(const Json& v) { return v.is_number_float() ? static_cast<long long>(v.get<double>()) : v.get<long long>(); }

Status parseScaling(const Json& grid, bool single, ScalingGrid& out) {
  if (!grid.contains("n")) return fieldProblem("grid.n", "is missing");
  const Json& n = grid["n"];
  if (single && isPositiveInteger(n)) {
    out.n = {positiveInteger(n)};
  } else {
    if (!n.is_array() || n.empty()) return fieldError("grid.n", single ? "a positive integer" : "a non-empty list of positive integers", n);
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (!isPositiveInteger(n[i])) return fieldError("grid.n[" + std::to_string(i) + "]", "a positive integer", n[i]);
      out.n.push_back(positiveInteger(n[i]));
    }
  }
  if (grid.contains("repeats")) {
    if (!isPositiveInteger(grid["repeats"], std::numeric_limits<int>::max()))
      return fieldError("grid.repeats", "a positive integer", grid["repeats"]);
    out.repeats = static_cast<int>(positiveInteger(grid["repeats"]));
  }
  if (grid.contains("sweep")) {
    if (single) return fieldProblem("grid.sweep", "is only for experiments of kind 'scaling'");
    const Json& sweep = grid["sweep"];
    if (!sweep.is_object()) return fieldError("grid.sweep", "an object", sweep);
    MIWB_TRY(getString(sweep, "param", "grid.sweep.param", out.sweepParam, true));
    if (!sweep.contains("values") || !sweep["values"].is_array() || sweep["values"].empty())
      return fieldError("grid.sweep.values", "a non-empty list", sweep.value("values", Json()));
    for (const auto& v : sweep["values"]) out.sweepValues.push_back(v);
  }
  return Status::ok();
}

Status parsePlane(const Json& grid, PlaneGrid& out) {
  auto allOrList = [&](const char* key, auto&& parseItem) -> Status {
    if (!grid.contains(key)) return Status::ok();
    const Json& v = grid[key];
    if (v.is_string() && v.get<std::string>() == "all") return Status::ok();
    const std::string field = std::string("grid.") + key;
    if (!v.is_array() || v.empty()) return fieldError(field, "\"all\" or a non-empty list", v);
    for (std::size_t i = 0; i < v.size(); ++i) MIWB_TRY(parseItem(v[i], field + "[" + std::to_string(i) + "]"));
    return Status::ok();
  };
  MIWB_TRY(allOrList("layers", [&](const Json& v, const std::string& field) -> Status {
    if (!v.is_string()) return fieldError(field, "a layer name", v);
    out.layers.push_back(v.get<std::string>());
    return Status::ok();
  }));
  MIWB_TRY(allOrList("epochs", [&](const Json& v, const std::string& field) -> Status {
    if (!v.is_number_integer()) return fieldError(field, "an epoch number", v);
    out.epochs.push_back(v.get<int>());
    return Status::ok();
  }));
  if (grid.contains("samples")) {
    const Json& s = grid["samples"];
    if (!s.is_string() || (s != "all" && s != "train" && s != "test"))
      return fieldProblem("grid.samples", "must be \"all\", \"train\" or \"test\"");
    out.samples = s.get<std::string>();
  }
  return Status::ok();
}

// "quantities": a non-empty list of what the kind can measure, kept in the kind's order.
Status parseQuantities(const Json& entry, const std::string& field, ExperimentKind kind, std::vector<std::string>& out) {
  const std::vector<std::string> allowed = quantitiesOf(kind);
  if (!entry.contains("quantities")) {
    out = defaultQuantities(kind);
    return Status::ok();
  }
  const Json& list = entry["quantities"];
  if (!list.is_array() || list.empty()) return fieldError(field, "a non-empty list of quantities", list);
  std::string known;
  for (const auto& q : allowed) known += (known.empty() ? "\"" : ", \"") + q + "\"";
  std::vector<bool> wanted(allowed.size(), false);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string itemField = field + "[" + std::to_string(i) + "]";
    if (!list[i].is_string()) return fieldError(itemField, "a quantity name", list[i]);
    const auto it = std::find(allowed.begin(), allowed.end(), list[i].get<std::string>());
    if (it == allowed.end())
      return Status::invalidInput("field '" + itemField + "': a " + toString(kind) + " experiment measures " + known +
                                  ", not \"" + list[i].get<std::string>() + "\"")
          .atField(itemField);
    wanted[static_cast<std::size_t>(it - allowed.begin())] = true;
  }
  out.clear();
  for (std::size_t i = 0; i < allowed.size(); ++i)
    if (wanted[i]) out.push_back(allowed[i]);
  return Status::ok();
}

}  // namespace

Status Experiment::fromJson(const Json& doc, Experiment& out) {
  if (!doc.is_object()) return Status::invalidInput("the experiment must be a JSON object");
  Experiment e;
  std::string schema;
  MIWB_TRY(getString(doc, "schema", "schema", schema, true));
  if (schema != "miwb.experiment/1")
    return fieldProblem("schema", "must be \"miwb.experiment/1\", got \"" + schema + "\"");
  e.name = "experiment";
  MIWB_TRY(getString(doc, "name", "name", e.name, false));
  std::string kind;
  MIWB_TRY(getString(doc, "kind", "kind", kind, true));
  if (kind == "estimate") e.kind = ExperimentKind::Estimate;
  else if (kind == "scaling") e.kind = ExperimentKind::Scaling;
  else if (kind == "information-plane") e.kind = ExperimentKind::InformationPlane;
  else if (kind == "benchmark") e.kind = ExperimentKind::Benchmark;
  else return fieldProblem("kind", "must be \"estimate\", \"scaling\", \"information-plane\" or \"benchmark\", got \"" + kind + "\"");
  if (doc.contains("seed")) {
    if (!doc["seed"].is_number_integer() || doc["seed"].get<long long>() < 0)
      return fieldError("seed", "a non-negative integer", doc["seed"]);
    e.seed = doc["seed"].get<std::uint64_t>();
  }
  if (doc.contains("task_time_limit")) {
    const Json& limit = doc["task_time_limit"];
    if (!limit.is_number() || !(limit.get<double>() > 0) || !std::isfinite(limit.get<double>()))
      return fieldError("task_time_limit", "a positive number of seconds", limit);
    e.taskTimeLimitSeconds = limit.get<double>();
  }
  if (!doc.contains("dataset") || !doc["dataset"].is_object())
    return doc.contains("dataset") ? fieldError("dataset", "an object", doc["dataset"])
                                   : fieldProblem("dataset", "is missing");
  MIWB_TRY(getString(doc["dataset"], "id", "dataset.id", e.datasetId, true));
  if (doc["dataset"].contains("params")) {
    if (!doc["dataset"]["params"].is_object()) return fieldError("dataset.params", "an object", doc["dataset"]["params"]);
    e.datasetParams = doc["dataset"]["params"];
  }
  if (!doc.contains("estimators") || !doc["estimators"].is_array() || doc["estimators"].empty())
    return doc.contains("estimators") ? fieldError("estimators", "a non-empty list", doc["estimators"])
                                      : fieldProblem("estimators", "is missing");
  std::set<std::string> labels;
  for (std::size_t i = 0; i < doc["estimators"].size(); ++i) {
    const Json& entry = doc["estimators"][i];
    const std::string field = "estimators[" + std::to_string(i) + "]";
    if (!entry.is_object()) return fieldError(field, "an object", entry);
    EstimatorSpec spec;
    MIWB_TRY(getString(entry, "id", field + ".id", spec.id, true));
    if (entry.contains("params")) {
      if (!entry["params"].is_object()) return fieldError(field + ".params", "an object", entry["params"]);
      spec.params = entry["params"];
    }
    spec.label = spec.id;
    MIWB_TRY(getString(entry, "label", field + ".label", spec.label, false));
    MIWB_TRY(parseQuantities(entry, field + ".quantities", e.kind, spec.quantities));
    if (!labels.insert(spec.label).second)
      return fieldProblem(field + ".label", "repeats the label \"" + spec.label + "\"; give each estimator its own label");
    e.estimators.push_back(std::move(spec));
  }
  const Json grid = doc.value("grid", Json::object());
  if (!grid.is_object()) return fieldError("grid", "an object", grid);
  if (e.kind == ExperimentKind::InformationPlane) MIWB_TRY(parsePlane(grid, e.plane));
  else MIWB_TRY(parseScaling(grid, e.kind == ExperimentKind::Estimate, e.scaling));
  if (e.kind == ExperimentKind::Benchmark) {
    if (grid.contains("sweep"))
      return Status::invalidInput("field 'grid.sweep': a benchmark sweeps its tasks, not a parameter").atField("grid.sweep");
    MIWB_TRY(parseBenchmarkTasks(grid, e.benchmark).underField("grid.tasks"));
  }
  if (doc.contains("uncertainty")) MIWB_TRY(parseUncertainty(doc["uncertainty"], e.uncertainty).underField("uncertainty"));
  if (doc.contains("significance"))
    MIWB_TRY(parseSignificance(doc["significance"], e.significance).underField("significance"));
  out = std::move(e);
  return Status::ok();
}

Status Experiment::resolve(const PluginRegistry& registry) {
  const auto* dataset = registry.dataset(datasetId);
  if (!dataset) {
    std::string known;
    for (const auto& d : registry.datasets()) known += (known.empty() ? "" : ", ") + d.info->id;
    return Status::invalidInput("field 'dataset.id': unknown dataset '" + datasetId + "' (available: " + known + ")")
        .atField("dataset.id");
  }
  const bool wantsActivations = kind == ExperimentKind::InformationPlane;
  if (wantsActivations != (dataset->info->role == "activations"))
    return Status::invalidInput("field 'dataset.id': dataset '" + datasetId + "' provides " + dataset->info->role +
                                ", but a " + toString(kind) + " experiment needs " +
                                (wantsActivations ? "activations" : "pairs"))
        .atField("dataset.id");
  if (!scaling.sweepParam.empty()) {
    const ParamSpec* spec = dataset->info->params.find(scaling.sweepParam);
    if (!spec)
      return Status::invalidInput("field 'grid.sweep.param': dataset '" + datasetId + "' has no parameter '" +
                                  scaling.sweepParam + "'")
          .atField("grid.sweep.param");
    for (const auto& value : scaling.sweepValues) {
      Json trial = datasetParams, resolved;
      trial[scaling.sweepParam] = value;
      MIWB_TRY(dataset->info->params.resolve(trial, datasetId, resolved)
                   .withContext("field 'grid.sweep.values'")
                   .atField("grid.sweep.values"));
    }
  }
  Json resolved;
  MIWB_TRY(dataset->info->params.resolve(datasetParams, datasetId, resolved)
               .withContext("field 'dataset.params'")
               .underField("dataset.params"));
  datasetParams = resolved;
  if (kind == ExperimentKind::Benchmark) {
    MIWB_TRY(resolveBenchmarkTasks(*dataset->info, benchmark).underField("grid.tasks"));
    benchmark.neuralEstimators.clear();
    for (const auto& spec : estimators)
      if (const auto* entry = registry.estimator(spec.id); entry && entry->info->extra.value("neural", false))
        benchmark.neuralEstimators.push_back(spec.label);
  }
  for (std::size_t i = 0; i < estimators.size(); ++i) {
    auto& spec = estimators[i];
    const std::string field = "estimators[" + std::to_string(i) + "]";
    const auto* entry = registry.estimator(spec.id);
    if (!entry) {
      std::string known;
      for (const auto& e : registry.estimators()) known += (known.empty() ? "" : ", ") + e.info->id;
      return Status::invalidInput("field '" + field + ".id': unknown estimator '" + spec.id + "' (available: " + known + ")")
          .atField(field + ".id");
    }
    MIWB_TRY(entry->info->params.resolve(spec.params, spec.id, resolved)
                 .withContext("field '" + field + ".params'")
                 .underField(field + ".params"));
    spec.params = resolved;
    if (spec.quantities.empty()) spec.quantities = defaultQuantities(kind);
    for (const auto& q : spec.quantities) {
      if (isEntropy(q) && !entry->info->offersEntropy())
        return Status::invalidInput("field '" + field + ".quantities': estimator '" + spec.id +
                                    "' does not estimate entropies, so it cannot measure " + q)
            .atField(field + ".quantities");
      if (!isEntropy(q) && !entry->info->offersMutualInformation())
        return Status::invalidInput("field '" + field + ".quantities': estimator '" + spec.id +
                                    "' estimates entropy only, so it cannot measure " + q +
                                    " (ask for \"quantities\": [\"" +
                                    (kind == ExperimentKind::InformationPlane ? quantity::kHt : quantity::kHx) + "\"])")
            .atField(field + ".quantities");
      if (isConditional(q) && !entry->info->offersConditioning())
        return Status::invalidInput("field '" + field + ".quantities': estimator '" + spec.id + "' cannot condition on Z, so it cannot measure " + q)
            .atField(field + ".quantities");
      if (isConditional(q) && !dataset->info->offersConditioning())
        return Status::invalidInput("field '" + field + ".quantities': dataset '" + datasetId + "' draws no Z to condition on, so " + q +
                                    " cannot be measured on it")
            .atField(field + ".quantities");
    }
  }
  return Status::ok();
}

Json Experiment::toJson() const {
  Json doc = {{"schema", "miwb.experiment/1"}, {"name", name}, {"kind", toString(kind)}, {"seed", seed},
              {"dataset", {{"id", datasetId}, {"params", datasetParams}}}};
  Json ests = Json::array();
  for (const auto& e : estimators)
    ests.push_back({{"id", e.id}, {"params", e.params}, {"label", e.label}, {"quantities", e.quantities}});
  doc["estimators"] = ests;
  Json grid = Json::object();
  if (kind == ExperimentKind::InformationPlane) {
    grid["layers"] = plane.layers.empty() ? Json("all") : Json(plane.layers);
    grid["epochs"] = plane.epochs.empty() ? Json("all") : Json(plane.epochs);
    grid["samples"] = plane.samples;
  } else {
    grid["n"] = kind == ExperimentKind::Estimate ? Json(scaling.n.front()) : Json(scaling.n);
    grid["repeats"] = scaling.repeats;
    if (!scaling.sweepParam.empty()) grid["sweep"] = {{"param", scaling.sweepParam}, {"values", scaling.sweepValues}};
    if (kind == ExperimentKind::Benchmark)
      grid["tasks"] = benchmark.allTasks && benchmark.taskIds.empty() ? Json("all") : Json(benchmark.taskIds);
  }
  doc["grid"] = grid;
  if (uncertainty.enabled()) doc["uncertainty"] = miwb::toJson(uncertainty);
  if (significance.enabled()) doc["significance"] = miwb::toJson(significance);
  if (taskTimeLimitSeconds) doc["task_time_limit"] = *taskTimeLimitSeconds;
  return doc;
}

Status readJsonFile(const std::string& path, Json& out) {
  std::ifstream in(path);
  if (!in) return Status::invalidInput(path + ": no such file or not readable");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    out = Json::parse(buffer.str());
  } catch (const Json::parse_error& e) {
    return Status::invalidInput(path + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  return Status::ok();
}

}  // namespace miwb
