#include "miwb/host/plugins/plugin_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>
#include <QStandardPaths>
#include <cstdio>
#include <set>


namespace miwb {
namespace {

Json toNlohmann(const QJsonObject& object) {
  return Json::parse(QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString());
}

std::string requiredString(const Json& object, const char* key, std::string& missing) {
  if (object.contains(key) && object[key].is_string() && !object[key].get<std::string>().empty())
    return object[key].get<std::string>();
  if (missing.empty()) missing = key;
  return {};
}

// The interface id has already matched the major version; within it a plugin may be built against
// an older minor version (minors only add), never a newer one. Returns an empty string or the reason.
std::string sdkVersionProblem(const Json& metadata) {
  const std::string host = std::to_string(MIWB_SDK_VERSION_MAJOR) + "." + std::to_string(MIWB_SDK_VERSION_MINOR);
  const auto field = metadata.find("sdk_version");
  if (field == metadata.end() || !field->is_string())
    return "its metadata lacks 'sdk_version' (build it with the SDK's miwb_add_plugin)";
  const std::string text = field->get<std::string>();
  int major = -1, minor = -1;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d.%d%c", &major, &minor, &tail) != 2 || major < 0 || minor < 0)
    return "its metadata has an unreadable sdk_version '" + text + "' (expected MAJOR.MINOR)";
  if (major != MIWB_SDK_VERSION_MAJOR)
    return "built against SDK " + text + ", but this host is SDK " + host + " (another major version)";
  if (minor > MIWB_SDK_VERSION_MINOR)
    return "built against SDK " + text + ", newer than this host's SDK " + host + "; update the workbench";
  return {};
}

// Parses one entry of "estimators" or "datasets", expanding its uses of the plugin's "param_blocks";
// returns an empty string or the problem.
std::string parseOffering(const Json& entry, const Json& blocks, const std::string& where, OfferingInfo& out) {
  if (!entry.is_object()) return where + " is not an object";
  std::string missing;
  out.id = requiredString(entry, "id", missing);
  out.name = requiredString(entry, "name", missing);
  out.description = requiredString(entry, "description", missing);
  if (!missing.empty()) return where + " lacks the field '" + missing + "'";
  out.role = entry.value("estimates", entry.value("provides", ""));
  out.cost = entry.value("cost", "");
  Json params;
  Status s = ParamSchema::expandBlocks(entry.contains("params") ? entry["params"] : Json(), blocks, params);
  if (s.isOk()) s = ParamSchema::fromJson(params, out.params);
  if (!s.isOk()) return where + " ('" + out.id + "') has a bad parameter schema: " + s.message();
  for (auto it = entry.begin(); it != entry.end(); ++it)
    if (it.key() != "id" && it.key() != "name" && it.key() != "description" && it.key() != "params" &&
        it.key() != "estimates" && it.key() != "provides" && it.key() != "cost")
      out.extra[it.key()] = it.value();
  return {};
}

}  // namespace

const char* toString(PluginState state) {
  switch (state) {
    case PluginState::Found: return "found";
    case PluginState::Rejected: return "rejected";
    case PluginState::Loaded: return "loaded";
  }
  return "?";
}

const char* toString(PluginKind kind) { return kind == PluginKind::Estimator ? "estimator" : "dataset"; }

PluginRegistry::PluginRegistry() = default;
// Libraries stay loaded for the life of the process: factories handed out must stay valid, and
// unloading Qt plugins at exit is a known source of crashes.
PluginRegistry::~PluginRegistry() = default;

QStringList PluginRegistry::defaultSearchPath() {
  QStringList folders;
  const QString appDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QDir::currentPath();
  // An installed program (bin/ beside lib/<triplet>/miwb/plugins) looks only in the installed
  // folder; a build tree keeps its plugins next to the programs (bin/plugins).
  const QString installed = QDir(appDir).filePath(QStringLiteral("../") + QString::fromUtf8(MIWB_PLUGIN_INSTALL_DIR));
  if (!QFileInfo(installed).isDir()) folders << QDir(appDir).filePath("plugins");
  folders << installed;
  const QString env = qEnvironmentVariable("MIWB_PLUGIN_PATH");
  for (const QString& part : env.split(':', Qt::SkipEmptyParts)) folders << part;
  folders << QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath("miwb/plugins");
  QStringList existing;
  for (const QString& f : folders) {
    const QString clean = QDir::cleanPath(QFileInfo(f).absoluteFilePath());
    if (!existing.contains(clean)) existing << clean;
  }
  return existing;
}

void PluginRegistry::scan(const QStringList& folders, PluginLoading loading) {
  for (const QString& folder : folders) {
    searchPath_ << folder;
    QDir dir(folder);
    if (!dir.exists()) continue;
    const QStringList entries = dir.entryList(QDir::Files, QDir::Name);
    for (const QString& name : entries) {
      const QString path = dir.filePath(name);
      if (QLibrary::isLibrary(path)) tryFile(path, loading);
    }
  }
  reindex();
}

void PluginRegistry::tryFile(const QString& path, PluginLoading loading) {
  PluginRecord record;
  record.path = path;
  auto loader = std::make_unique<QPluginLoader>(path);
  auto reject = [&](const QString& reason) {
    record.state = PluginState::Rejected;
    record.reason = reason;
    records_.push_back(std::move(record));
    loaders_.push_back(std::move(loader));
  };

  const QJsonObject meta = loader->metaData();
  if (meta.isEmpty()) {
    // Not a Qt plugin at all; loading it tells us whether it is even a loadable library.
    QLibrary library(path);
    if (!library.load()) return reject(QStringLiteral("not a loadable library: ") + library.errorString());
    library.unload();
    return reject(QStringLiteral("not a MI Workbench plugin: the library has no Qt plugin metadata"));
  }
  const QString iid = meta.value("IID").toString();
  const bool isEstimator = iid == QLatin1String(MIWB_ESTIMATOR_FACTORY_IID);
  const bool isDataset = iid == QLatin1String(MIWB_DATASET_FACTORY_IID);
  if (!isEstimator && !isDataset) {
    if (iid.startsWith("org.miwb."))
      return reject(QStringLiteral("built for another SDK version: interface '%1', this host needs '%2' or '%3'")
                        .arg(iid, MIWB_ESTIMATOR_FACTORY_IID, MIWB_DATASET_FACTORY_IID));
    return reject(QStringLiteral("not a MI Workbench plugin: interface '%1' is not an estimator or dataset factory")
                      .arg(iid));
  }
  record.kind = isEstimator ? PluginKind::Estimator : PluginKind::Dataset;

  const Json data = toNlohmann(meta.value("MetaData").toObject());
  std::string missing;
  record.id = requiredString(data, "id", missing);
  record.name = requiredString(data, "name", missing);
  record.version = requiredString(data, "version", missing);
  record.description = requiredString(data, "description", missing);
  const std::string kind = requiredString(data, "kind", missing);
  if (!missing.empty())
    return reject(QStringLiteral("its metadata lacks the required field '%1'").arg(QString::fromStdString(missing)));
  const std::string sdkProblem = sdkVersionProblem(data);
  if (!sdkProblem.empty()) return reject(QString::fromStdString(sdkProblem));
  if (kind != toString(record.kind))
    return reject(QStringLiteral("its metadata says kind '%1' but it implements the %2 interface")
                      .arg(QString::fromStdString(kind), toString(record.kind)));
  const char* listKey = isEstimator ? "estimators" : "datasets";
  if (!data.contains(listKey) || !data[listKey].is_array() || data[listKey].empty())
    return reject(QStringLiteral("its metadata lacks a non-empty '%1' list").arg(listKey));
  const Json blocks = data.contains("param_blocks") ? data["param_blocks"] : Json();
  for (std::size_t i = 0; i < data[listKey].size(); ++i) {
    OfferingInfo info;
    const std::string problem =
        parseOffering(data[listKey][i], blocks, std::string(listKey) + "[" + std::to_string(i) + "]", info);
    if (!problem.empty()) return reject(QStringLiteral("its metadata is invalid: ") + QString::fromStdString(problem));
    record.offerings.push_back(std::move(info));
  }

  records_.push_back(std::move(record));
  loaders_.push_back(std::move(loader));
  // A failure is kept in the record (rejected, with the reason): that is how scan() reports it.
  if (loading == PluginLoading::Eager) (void)load(records_.back());
}

Status PluginRegistry::load(PluginRecord& record) const {
  if (record.state == PluginState::Loaded) return Status::ok();
  auto problem = [&](const QString& reason) {
    if (record.state == PluginState::Found) {
      record.state = PluginState::Rejected;
      record.reason = reason;
    }
    return Status::failed("plugin '" + record.id + "' (" + record.path.toStdString() + ") " + record.reason.toStdString());
  };
  if (record.state == PluginState::Rejected) return problem(record.reason);
  QPluginLoader& loader = *loaders_[static_cast<std::size_t>(&record - records_.data())];
  QObject* root = loader.instance();
  if (!root) return problem(QStringLiteral("could not be loaded: ") + loader.errorString());
  if (record.kind == PluginKind::Estimator) record.estimatorFactory = qobject_cast<EstimatorFactory*>(root);
  else record.datasetFactory = qobject_cast<DatasetFactory*>(root);
  if (!record.estimatorFactory && !record.datasetFactory)
    return problem(QStringLiteral("its root object does not implement the interface its metadata declares"));
  record.state = PluginState::Loaded;
  return Status::ok();
}

template <class Entry>
Status PluginRegistry::loaded(const Entry& entry) const {
  std::lock_guard lock(loadMutex_);
  return load(const_cast<PluginRecord&>(*entry.plugin));
}

void PluginRegistry::reindex() {
  estimators_.clear();
  datasets_.clear();
  std::set<std::string> seen[2];
  for (auto& record : records_) {
    if (record.state == PluginState::Rejected) continue;
    const int k = record.kind == PluginKind::Estimator ? 0 : 1;
    for (const auto& info : record.offerings) {
      if (!seen[k].insert(info.id).second) {
        record.reason += QStringLiteral("%1'%2' is also offered by an earlier plugin and is ignored here.")
                             .arg(record.reason.isEmpty() ? "" : " ", QString::fromStdString(info.id));
        continue;
      }
      if (k == 0) estimators_.push_back({&record, &info});
      else datasets_.push_back({&record, &info});
    }
  }
}

const PluginRegistry::EstimatorEntry* PluginRegistry::estimator(const std::string& id) const {
  for (const auto& e : estimators_)
    if (e.info->id == id) return &e;
  return nullptr;
}

const PluginRegistry::DatasetEntry* PluginRegistry::dataset(const std::string& id) const {
  for (const auto& e : datasets_)
    if (e.info->id == id) return &e;
  return nullptr;
}

namespace {
template <class Entries>
std::string knownIds(const Entries& entries) {
  std::string list;
  for (const auto& e : entries) list += (list.empty() ? "" : ", ") + e.info->id;
  return list.empty() ? std::string("none loaded") : list;
}

// What every call into an offering does first: find it, resolve its parameters against its schema,
// load its library on demand, then make the call with exceptions turned into a Status.
template <class Entry, class Entries, class Load, class Call>
Status callOffering(const Entry* entry, const Entries& all, const std::string& kind, const std::string& id,
                    const Json& params, Json* resolvedParams, Load load, Call call) {
  if (!entry) return Status::invalidInput("unknown " + kind + " '" + id + "' (available: " + knownIds(all) + ")");
  Json resolved;
  MIWB_TRY(entry->info->params.resolve(params, id, resolved));
  if (resolvedParams) *resolvedParams = resolved;
  MIWB_TRY(load(*entry));
  return callGuarded(kind + " '" + id + "'", [&] { return call(*entry, resolved); });
}
}  // namespace

Status PluginRegistry::createEstimator(const std::string& id, const Json& params, std::unique_ptr<Estimator>& out,
                                       Json* resolvedParams) const {
  return callOffering(estimator(id), estimators_, "estimator", id, params, resolvedParams,
                      [this](const EstimatorEntry& e) { return loaded(e); },
                      [&](const EstimatorEntry& e, const Json& resolved) {
                        return e.plugin->estimatorFactory->create(id, resolved, out);
                      });
}

Status PluginRegistry::createPairSource(const std::string& id, const Json& params, std::unique_ptr<PairSource>& out,
                                        Json* resolvedParams) const {
  return callOffering(dataset(id), datasets_, "dataset", id, params, resolvedParams,
                      [this](const DatasetEntry& e) { return loaded(e); },
                      [&](const DatasetEntry& e, const Json& resolved) {
                        return e.plugin->datasetFactory->createPairSource(id, resolved, out);
                      });
}

Status PluginRegistry::openActivationStore(const std::string& id, const Json& params, RunContext& ctx,
                                           std::unique_ptr<ActivationStore>& out, Json* resolvedParams) const {
  return callOffering(dataset(id), datasets_, "dataset", id, params, resolvedParams,
                      [this](const DatasetEntry& e) { return loaded(e); },
                      [&](const DatasetEntry& e, const Json& resolved) {
                        return e.plugin->datasetFactory->openActivationStore(id, resolved, ctx, out);
                      });
}

Status PluginRegistry::describeActivationStore(const std::string& id, const Json& params,
                                               ActivationStoreShape& out) const {
  return callOffering(dataset(id), datasets_, "dataset", id, params, nullptr,
                      [this](const DatasetEntry& e) { return loaded(e); },
                      [&](const DatasetEntry& e, const Json& resolved) {
                        return e.plugin->datasetFactory->describeActivationStore(id, resolved, out);
                      });
}

Json PluginRegistry::toJson() const {
  std::lock_guard lock(loadMutex_);  // a record's state may be changing on a worker thread
  Json plugins = Json::array();
  for (const auto& r : records_) {
    Json p = {{"path", r.path.toStdString()}, {"state", toString(r.state)}, {"reason", r.reason.toStdString()}};
    if (!r.id.empty()) {
      p["id"] = r.id;
      p["name"] = r.name;
      p["version"] = r.version;
      p["kind"] = toString(r.kind);
      p["description"] = r.description;
    }
    Json offers = Json::array();
    for (const auto& o : r.offerings) {
      Json e = {{"id", o.id}, {"name", o.name}, {"description", o.description}, {"params", o.params.toJson()}};
      if (!o.role.empty()) e[r.kind == PluginKind::Estimator ? "estimates" : "provides"] = o.role;
      if (!o.cost.empty()) e["cost"] = o.cost;
      for (auto it = o.extra.begin(); it != o.extra.end(); ++it) e[it.key()] = it.value();
      offers.push_back(std::move(e));
    }
    if (!offers.empty()) p[r.kind == PluginKind::Estimator ? "estimators" : "datasets"] = std::move(offers);
    plugins.push_back(std::move(p));
  }
  Json path = Json::array();
  for (const auto& f : searchPath_) path.push_back(f.toStdString());
  return {{"search_path", path}, {"plugins", plugins}};
}

}  // namespace miwb
