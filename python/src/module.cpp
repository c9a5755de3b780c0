// The `miwb._miwb` extension: the workbench's registry, estimate, sample and run for the pure-Python
// package (python/miwb/__init__.py), which turns arguments into arrays and JSON into objects.
// Everything here calls the host library; nothing is computed a second way.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <QDir>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "arrays.h"
#include "miwb/host/estimate/dataset_sample.h"
#include "miwb/host/estimate/pair_estimate.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/experiment/experiment_keys.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/run/run_folder.h"
#include "miwb/sdk.h"
#include "python_params.h"
#include "released_call.h"
#include "shared_registry.h"

namespace py = pybind11;

namespace miwbpy {
namespace {

void check(const miwb::Status& status) {
  if (!status) raise(status);
}

std::string registryJson() { return sharedRegistry().toJson().dump(); }

// miwb.estimate: the estimator's parameters resolved as `miwb-cli estimate -p` resolves them, the
// arrays read as it reads .npy files, and pairEstimateJson's object back, as `--json` prints it.
std::string estimate(const py::array& xArray, const py::array& yArray, const std::string& id, const py::dict& params,
                     std::uint64_t seed, int threads, std::optional<long long> resamples, double level) {
  const miwb::PluginRegistry& registry = sharedRegistry();
  miwb::PairEstimateOptions options;
  options.seed = seed;
  options.threads = threads;
  if (resamples) {
    check(miwb::checkUncertainty(*resamples, level, "resamples", "level"));
    options.uncertainty.resamples = static_cast<int>(*resamples);
    options.uncertainty.level = level;
  }
  miwb::Json given, resolved;
  const auto* entry = registry.estimator(id);
  check(paramsFromPython(params, entry ? &entry->info->params : nullptr, id, given));
  std::unique_ptr<miwb::Estimator> estimator;
  check(registry.createEstimator(id, given, estimator, &resolved));
  miwb::Variable x, y;
  check(variableFromNumpy(xArray, "x", x));
  check(variableFromNumpy(yArray, "y", y));
  check(miwb::checkSameSamples(x, "x", y, "y"));

  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  miwb::PairEstimate result;
  check(callReleased([&] { return miwb::estimatePair(*estimator, id, x, y, options, result); }, cancel));
  return miwb::pairEstimateJson(id, resolved, x, y, options, result).dump();
}

// miwb.sample: the pairs `miwb-cli sample` writes, and its meta.json.
py::tuple sample(const std::string& id, long long n, std::uint64_t seed, const py::dict& params) {
  const miwb::PluginRegistry& registry = sharedRegistry();
  miwb::Json given;
  const auto* entry = registry.dataset(id);
  check(paramsFromPython(params, entry ? &entry->info->params : nullptr, id, given));
  miwb::DatasetSample drawn;
  std::atomic<bool> cancel{false};
  check(callReleased([&] { return miwb::sampleDataset(registry, id, given, n, seed, "n", drawn, &cancel); }, cancel));
  return py::make_tuple(numpyFromVariable(drawn.x), numpyFromVariable(drawn.y), drawn.meta.dump());
}

// The experiment document from a file (read as `miwb-cli run` reads it) or from JSON text.
miwb::Json experimentDocument(const std::string& path, const std::string& text) {
  miwb::Json doc;
  if (!path.empty())
    check(miwb::readJsonFile(path, doc));
  else
    doc = miwb::Json::parse(text);
  return doc;
}

std::vector<std::string> unknownKeys(const std::string& path, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& key : miwb::unknownExperimentKeys(experimentDocument(path, text))) out.push_back(key.message());
  return out;
}

// What the run's worker threads report, handed to Python on the calling thread.
class RunReports {
 public:
  void progress(int done, int total) {
    done_.store(done);
    total_.store(total);
  }
  void log(const std::string& message) {
    std::lock_guard lock(mutex_);
    messages_.push_back(message);
  }
  // With the GIL: calls `progress` when the count moved and `log` with each new message.
  void deliver(const py::object& progress, const py::object& log) {
    const int done = done_.load(), total = total_.load();
    if (!progress.is_none() && total > 0 && (done != shownDone_ || total != shownTotal_)) {
      shownDone_ = done;
      shownTotal_ = total;
      progress(done, total);
    }
    std::vector<std::string> messages;
    {
      std::lock_guard lock(mutex_);
      messages.swap(messages_);
    }
    if (!log.is_none())
      for (const auto& m : messages) log(m);
  }

 private:
  std::atomic<int> done_{0}, total_{0};
  int shownDone_ = -1, shownTotal_ = -1;
  std::mutex mutex_;
  std::vector<std::string> messages_;
};

py::dict summaryDict(const miwb::RunSummary& summary) {
  py::dict d;
  d["total"] = summary.total;
  d["skipped"] = summary.skipped;
  d["succeeded"] = summary.succeeded;
  d["failed"] = summary.failed;
  d["prepare_seconds"] = summary.prepareSeconds;
  d["task_seconds"] = summary.taskSeconds;
  return d;
}

std::string rowsJson(const std::vector<miwb::ResultRow>& rows) {
  miwb::Json out = miwb::Json::array();
  for (const auto& row : rows) out.push_back(row.toJson());
  return out.dump();
}

// miwb.run: the run `miwb-cli run EXPERIMENT --out DIR` makes (same folder, same resumption).
py::tuple run(const std::string& path, const std::string& text, const std::string& where, const std::string& out,
              int threads, const py::object& progress, const py::object& log) {
  const miwb::PluginRegistry& registry = sharedRegistry();
  miwb::Experiment experiment;
  check(miwb::Experiment::fromJson(experimentDocument(path, text), experiment).withContext(where));
  check(experiment.resolve(registry).withContext(where));

  std::atomic<bool> cancel{false};
  RunReports reports;
  miwb::RunObserver observer;
  observer.progress = [&](int done, int total) { reports.progress(done, total); };
  observer.log = [&](const std::string& message) { reports.log(message); };
  miwb::RunOptions options;
  options.threads = threads;
  options.outDir = QString::fromStdString(out);
  options.cancel = &cancel;
  miwb::ExperimentRunner runner(registry, experiment);
  miwb::RunSummary summary;
  check(callReleased([&] { return runner.run(options, observer, summary); }, cancel,
                     [&] { reports.deliver(progress, log); }));
  reports.deliver(progress, log);
  return py::make_tuple(rowsJson(summary.table), summaryDict(summary));
}

// miwb.read_results: the rows of a run folder's journals (shards included), one per task.
std::string readResults(const std::string& out) {
  miwb::RunFolderState state;
  check(miwb::readRunFolders({QString::fromStdString(out)}, state));
  return rowsJson(state.table);
}

}  // namespace
}  // namespace miwbpy

PYBIND11_MODULE(_miwb, m) {
  using namespace miwbpy;
  m.doc() = "MI Workbench's host library (use the `miwb` package, not this module)";
  m.attr("version") = MIWB_SDK_VERSION_STRING;
  m.def("registry_json", &registryJson);
  m.def("estimate", &estimate, py::arg("x"), py::arg("y"), py::arg("estimator"), py::arg("params"), py::arg("seed"),
        py::arg("threads"), py::arg("resamples"), py::arg("level"));
  m.def("sample", &sample, py::arg("dataset"), py::arg("n"), py::arg("seed"), py::arg("params"));
  m.def("unknown_experiment_keys", &unknownKeys, py::arg("path"), py::arg("text"));
  m.def("run", &run, py::arg("path"), py::arg("text"), py::arg("where"), py::arg("out"), py::arg("threads"),
        py::arg("progress"), py::arg("log"));
  m.def("read_results", &readResults, py::arg("out"));
}
