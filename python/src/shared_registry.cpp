#include "shared_registry.h"

#include <dlfcn.h>

#include <QDir>
#include <QFileInfo>
#include <mutex>

namespace miwbpy {
namespace {

// The folder this library was loaded from.
QString moduleFolder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&moduleFolder), &info) == 0 || !info.dli_fname) return {};
  return QFileInfo(QString::fromLocal8Bit(info.dli_fname)).absolutePath();
}

}  // namespace

const miwb::PluginRegistry& sharedRegistry() {
  static miwb::PluginRegistry registry;
  static std::once_flag scanned;
  std::call_once(scanned, [] {
    QStringList folders;
    const QDir here(moduleFolder());
    // MIWB_PY_PLUGIN_DIRS: the plugin folders relative to the module, build tree and install tree
    // (python/CMakeLists.txt); the one that does not exist is skipped.
    for (const QString& relative : QString(MIWB_PY_PLUGIN_DIRS).split(':', Qt::SkipEmptyParts))
      folders << QDir::cleanPath(here.filePath(relative));
    for (const QString& folder : miwb::PluginRegistry::defaultSearchPath())
      if (!folders.contains(folder)) folders << folder;
    registry.scan(folders, miwb::PluginLoading::OnDemand);
  });
  return registry;
}

}  // namespace miwbpy
