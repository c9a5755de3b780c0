#pragma once
// Finds, checks and loads plugin libraries, keeping a record of every file it tried (as Qt
// Creator's plugin specs do): where it was, what state it reached and, if rejected, why in words.
#include <QString>
#include <QStringList>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "miwb/dataset.h"
#include "miwb/estimator.h"
#include "miwb/params.h"

class QPluginLoader;

namespace miwb {

enum class PluginKind { Estimator, Dataset };
// Found: its metadata checked out and it is waiting to be loaded on first use.
enum class PluginState { Found, Rejected, Loaded };
// Eager: load every plugin while scanning (front ends that list them all). OnDemand: check the
// metadata while scanning and load a library only when one of its offerings is first used, so a
// command that needs one estimator does not pay for loading every plugin and its dependencies.
enum class PluginLoading { Eager, OnDemand };

// One estimator or dataset offered by a plugin, as its metadata describes it.
struct OfferingInfo {
  std::string id;
  std::string name;
  std::string description;
  std::string role;  // metadata "estimates" (mi, mi-lower-bound, dependence, ...) or "provides" (pairs, activations)
  std::string cost;        // e.g. "O(N log N) time, O(N d) memory"
  ParamSchema params;
  Json extra = Json::object();  // any further metadata keys, kept for the front ends

  // For estimators: "estimates": "entropy" means entropies only; an "entropy" entry (what its
  // entropy is, in words) means entropies as well as its kind of MI.
  bool offersMutualInformation() const { return role != "entropy"; }
  bool offersEntropy() const { return role == "entropy" || extra.contains("entropy"); }
  // A "conditional" entry (what its I(X;Y|Z) is, or for a dataset what its Z is, in words): the
  // estimator conditions on Z, the dataset draws one. Only then does the host make those calls.
  bool offersConditioning() const { return extra.contains("conditional"); }
};

struct PluginRecord {
  QString path;
  PluginState state = PluginState::Found;
  QString reason;          // why it was rejected, in one sentence
  std::string id, name, version, description;
  PluginKind kind = PluginKind::Estimator;
  std::vector<OfferingInfo> offerings;
  EstimatorFactory* estimatorFactory = nullptr;  // owned by the plugin loader; valid for the process
  DatasetFactory* datasetFactory = nullptr;
};

class PluginRegistry {
 public:
  PluginRegistry();
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  // The default search path: the plugin folder next to the executable (and the install folder),
  // then MIWB_PLUGIN_PATH (colon-separated), then the per-user folder.
  static QStringList defaultSearchPath();

  // Tries every library in each folder, in order. The first plugin to offer an id wins; later
  // ones offering the same id are rejected with a reason naming the first.
  void scan(const QStringList& folders, PluginLoading loading = PluginLoading::Eager);

  const std::vector<PluginRecord>& records() const { return records_; }
  const QStringList& searchPath() const { return searchPath_; }

  struct EstimatorEntry { const PluginRecord* plugin; const OfferingInfo* info; };
  struct DatasetEntry { const PluginRecord* plugin; const OfferingInfo* info; };
  // nullptr when no loaded plugin offers the id.
  const EstimatorEntry* estimator(const std::string& id) const;
  const DatasetEntry* dataset(const std::string& id) const;
  std::vector<EstimatorEntry> estimators() const { return estimators_; }
  std::vector<DatasetEntry> datasets() const { return datasets_; }

  // Resolves params and builds the estimator, loading its plugin first if need be (thread-safe);
  // exceptions from the plugin and a library that fails to load become a failed status.
  Status createEstimator(const std::string& id, const Json& params, std::unique_ptr<Estimator>& out,
                         Json* resolvedParams = nullptr) const;
  Status createPairSource(const std::string& id, const Json& params, std::unique_ptr<PairSource>& out,
                          Json* resolvedParams = nullptr) const;
  Status openActivationStore(const std::string& id, const Json& params, RunContext& ctx,
                             std::unique_ptr<ActivationStore>& out, Json* resolvedParams = nullptr) const;
  // The store's shape without opening it, where the dataset can say it (DatasetFactory::describeActivationStore).
  Status describeActivationStore(const std::string& id, const Json& params, ActivationStoreShape& out) const;

  // The registry as JSON (for `miwb-cli plugins --json` and the plugins dialog).
  Json toJson() const;

 private:
  void tryFile(const QString& path, PluginLoading loading);
  // Loads a Found record's library and takes its factory; a failure rejects the record.
  Status load(PluginRecord& record) const;
  template <class Entry>
  Status loaded(const Entry& entry) const;
  void reindex();
  // Threads: scan() runs on one thread before the registry is shared; afterwards the lists below
  // are read-only except a record's state, reason and factory, which loading on demand changes from
  // const calls on any thread. loadMutex_ guards those changes and toJson(). records() hands out
  // the records unlocked: front ends that read them while a run may still load on demand scan
  // Eagerly (the GUI and `miwb-cli plugins` do), so nothing changes under them.
  mutable std::mutex loadMutex_;
  mutable std::vector<PluginRecord> records_;
  std::vector<std::unique_ptr<QPluginLoader>> loaders_;  // one per record, in the same order
  std::vector<EstimatorEntry> estimators_;
  std::vector<DatasetEntry> datasets_;
  QStringList searchPath_;
};

const char* toString(PluginState state);
const char* toString(PluginKind kind);

// Runs `fn`, turning any exception into a failed status: one bad plugin never takes down the host.
template <class Fn>
Status callGuarded(const std::string& what, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return Status::failed(what + " threw an exception: " + e.what());
  } catch (...) {
    return Status::failed(what + " threw an unknown exception");
  }
}

}  // namespace miwb
