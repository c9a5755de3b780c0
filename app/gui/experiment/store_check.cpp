#include "experiment/store_check.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QLocale>
#include <QMetaObject>
#include <QPointer>

#include "miwb/dataset.h"
#include "miwb/host/plugins/plugin_registry.h"

namespace miwb::gui {

namespace {

long long sizeOnDisk(const QString& path) {
  const QFileInfo info(path);
  if (!info.isDir()) return info.size();
  long long total = 0;
  QDirIterator files(path, QDir::Files, QDirIterator::Subdirectories);
  while (files.hasNext()) total += QFileInfo(files.next()).size();
  return total;
}

StoreSummary summarise(const PluginRegistry& registry, const std::string& datasetId, const Json& params) {
  StoreSummary summary;
  summary.path = QString::fromStdString(params.value("path", std::string()));
  std::unique_ptr<ActivationStore> store;
  RunContext ctx(0);
  Status s = registry.openActivationStore(datasetId, params, ctx, store);
  if (s) {
    summary.samples = store->inputs().samples();
    summary.inputColumns = store->inputs().dims();
    summary.epochs = store->epochs();
    for (const std::string& layer : store->layers()) summary.layers << QString::fromStdString(layer);
    for (int l = 0; s && l < summary.layers.size(); ++l) {
      Matrix slice;  // one slice per layer: the store reads lazily, so this is what a run reads first
      s = summary.epochs.empty() ? Status::invalidInput("the store holds no epochs") : store->activation(l, 0, slice);
      summary.units.push_back(slice.cols());
    }
  }
  if (!s) summary.error = QString::fromStdString(s.message());
  summary.bytes = sizeOnDisk(summary.path);
  return summary;
}

}  // namespace

QString StoreSummary::text() const {
  if (!error.isEmpty()) return error;
  QStringList layerText;
  for (int i = 0; i < layers.size(); ++i) layerText << QStringLiteral("%1 (%2)").arg(layers[i]).arg(units[i]);
  QString epochText = QString::number(epochs.size());
  if (!epochs.empty()) epochText += QStringLiteral(" (%1 to %2)").arg(epochs.front()).arg(epochs.back());
  return QStringLiteral("N = %1 samples, inputs %2 columns; layers (units): %3; epochs: %4; %5 on disk")
      .arg(samples)
      .arg(inputColumns)
      .arg(layerText.join(", "))
      .arg(epochText)
      .arg(QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat));
}

StoreCheck::StoreCheck(const PluginRegistry& registry, QObject* parent)
    : QObject(parent), registry_(registry), generation_(std::make_shared<int>(0)) {
  pool_.setMaxThreadCount(1);
}

StoreCheck::~StoreCheck() = default;

void StoreCheck::check(const std::string& datasetId, const Json& params) {
  const std::string key = datasetId + "|" + params.dump();
  if (key == key_) return;
  key_ = key;
  pending_ = true;
  done_ = false;
  const int generation = ++*generation_;
  QPointer<StoreCheck> self(this);
  std::weak_ptr<int> current = generation_;
  pool_.start([self, current, generation, datasetId, params, &registry = registry_] {
    StoreSummary summary = summarise(registry, datasetId, params);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, current, generation, summary] {
          const auto live = current.lock();
          if (!self || !live || *live != generation) return;  // gone, or a newer request is on its way
          self->pending_ = false;
          self->done_ = true;
          self->summary_ = summary;
          Q_EMIT self->checked(summary);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace miwb::gui
