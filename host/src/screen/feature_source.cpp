#include "miwb/host/screen/feature_source.h"

#include <QFileInfo>

#include "feature_sources.h"

namespace miwb {

Status openFeatureSource(const QString& path, Index samples, std::unique_ptr<FeatureSource>& out) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (!QFileInfo::exists(path)) return Status::invalidInput(path.toStdString() + ": no such file");
  if (suffix == "npy") return openNpyFeatures(path, samples, out);
  if (suffix == "csv") return openCsvFeatures(path, samples, out);
  return Status::invalidInput(path.toStdString() + ": features must be a .npy or .csv file (got '." +
                              suffix.toStdString() + "')");
}

}  // namespace miwb
