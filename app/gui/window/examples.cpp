#include "window/examples.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace miwb::gui {

namespace {
QString examplesFolder() {
  const QStringList candidates{QCoreApplication::applicationDirPath() + "/../share/miwb/examples",
                               QStringLiteral(MIWB_EXAMPLES_DIR)};
  for (const QString& folder : candidates)
    if (QDir(folder).exists()) return QDir(folder).canonicalPath();
  return {};
}

bool isPlane(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) && file.readAll().contains("\"information-plane\"");
}
}  // namespace

QStringList exampleFiles() {
  const QString folder = examplesFolder();
  if (folder.isEmpty()) return {};
  QStringList files;
  for (const QString& name : QDir(folder).entryList({"*.json"}, QDir::Files, QDir::Name)) files << folder + "/" + name;
  return files;
}

QString defaultExample() {
  // The README's promise: the full tanh plane (tanh-plane.json), not its quick variant.
  const QStringList files = exampleFiles();
  QString fallback;
  for (const QString& file : files) {
    if (!isPlane(file)) continue;
    if (QFileInfo(file).fileName() == "tanh-plane.json") return file;
    if (fallback.isEmpty() || file.contains("tanh")) fallback = file;
  }
  return !fallback.isEmpty() ? fallback : files.value(0);
}

}  // namespace miwb::gui
