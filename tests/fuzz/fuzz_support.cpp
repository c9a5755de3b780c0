#include "fuzz_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <cstdlib>
#include <memory>
#include <vector>

#include "miwb/memory_limit.h"
#include "miwb/stores/activation_store.h"
#include "miwb/stores/activation_store_container.h"

namespace fuzz {

void limitMemory() { miwb::setMemoryLimitBytes(std::uint64_t(64) << 20); }

QString writeInput(const std::uint8_t* data, std::size_t size, const char* extension) {
  static QTemporaryDir scratch;
  if (!scratch.isValid()) std::abort();
  const QString path = scratch.filePath(QStringLiteral("input.") + QString::fromLatin1(extension));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
      file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size)) != static_cast<qint64>(size))
    std::abort();  // the harness's own failure, not a finding
  return path;
}

namespace {

void readContainer(const QString& path) {
  std::unique_ptr<miwb::ArrayContainer> container;
  const miwb::Status opened = miwb::openArrayContainer(path, container);
  if (!opened.isOk()) return;
  for (const miwb::StoredArray& array : container->arrays()) {
    if (!array.problem.isOk()) continue;
    if (array.text) {
      std::vector<std::string> names;
      (void)container->readText(array, names);  // any status is an answer
      continue;
    }
    if (!array.numeric) continue;
    // The readers' contract: a caller checks the size before it allocates, as the store does.
    const std::uint64_t count = static_cast<std::uint64_t>(array.rows()) * array.rowElements();
    if (!miwb::checkAllocation(count * sizeof(double), array.name).isOk()) continue;
    std::vector<double> values(count);
    (void)container->readRows(array, 0, array.rows(), values.data());  // any status is an answer
  }
}

}  // namespace

void exerciseStore(const QString& path) {
  std::unique_ptr<miwb::ActivationStore> store;
  if (miwb::openActivationStoreFile(path, store).isOk()) {
    const auto layers = store->layers();
    const auto epochs = store->epochs();
    (void)store->trainMask();
    for (int l = 0; l < static_cast<int>(layers.size()); ++l)
      for (int e = 0; e < static_cast<int>(epochs.size()); ++e) {
        miwb::Matrix slice;
        (void)store->activation(l, e, slice);  // any status is an answer
      }
  }
  readContainer(path);
}

}  // namespace fuzz
