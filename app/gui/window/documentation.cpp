#include "window/documentation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace miwb::gui {

QString documentationFolder() {
  const QStringList candidates{QCoreApplication::applicationDirPath() + "/../share/doc/miwb", QStringLiteral(MIWB_DOCS_DIR)};
  for (const QString& folder : candidates)
    if (QFileInfo(QDir(folder).filePath("README.md")).isFile()) return QDir(folder).canonicalPath();
  return {};
}

const QList<DocumentationPage>& documentationPages() {
  static const QList<DocumentationPage> pages{
      {"Getting started (README)", "README.md"},
      {"Activation stores", "docs/activations.md"},
      {"Figures and export", "docs/figures.md"},
      {"Trust: intervals, calibration, extrapolation", "docs/trust.md"},
      {"Parameters of every plugin", "docs/parameters.md"},
      {"Cluster runs (SLURM)", "docs/cluster.md"},
  };
  return pages;
}

}  // namespace miwb::gui
