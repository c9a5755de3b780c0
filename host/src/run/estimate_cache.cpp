#include "miwb/host/run/estimate_cache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <iomanip>
#include <sstream>

#include "miwb/run_context.h"

namespace miwb {
namespace {

std::string contentHash(const Variable& v) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  const Index shape[] = {v.samples(), v.hasValues() ? v.values().cols() : 0};
  hash.addData(QByteArrayView(reinterpret_cast<const char*>(shape), sizeof shape));
  if (v.hasValues())
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(v.values().data()),
                                static_cast<qsizetype>(v.values().size() * sizeof(double))));
  hash.addData(QByteArrayView(reinterpret_cast<const char*>(v.labels().data()),
                              static_cast<qsizetype>(v.labels().size() * sizeof(std::int64_t))));
  return hash.result().toHex().toStdString();
}

QString entryPath(const QString& folder, const Json& key) {
  std::ostringstream name;
  name << std::hex << std::setw(16) << std::setfill('0') << mixSeed(0, key.dump()) << ".json";
  return QDir(folder).filePath(QString::fromStdString(name.str()));
}

}  // namespace

Json estimateCacheKey(const std::string& estimatorId, const Json& params, std::uint64_t seed, const Variable& x,
                      const Variable& y) {
  return {{"estimator", estimatorId}, {"params", params}, {"seed", seed}, {"x", contentHash(x)}, {"y", contentHash(y)}};
}

std::optional<double> readCachedEstimate(const QString& folder, const Json& key) {
  QFile file(entryPath(folder, key));
  if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
  const Json doc = Json::parse(file.readAll().toStdString(), nullptr, false);
  if (!doc.is_object() || doc.value("key", Json()) != key || !doc.value("value_nats", Json()).is_number()) return std::nullopt;
  return doc["value_nats"].get<double>();
}

void writeCachedEstimate(const QString& folder, const Json& key, double valueNats) {
  QDir().mkpath(folder);
  QSaveFile file(entryPath(folder, key));
  if (!file.open(QIODevice::WriteOnly)) return;
  file.write(QByteArray::fromStdString(Json{{"key", key}, {"value_nats", valueNats}}.dump()));
  file.commit();
}

}  // namespace miwb
