#pragma once
// The two readers behind openFeatureSource (feature_source.h).
#include "miwb/host/screen/feature_source.h"

namespace miwb {

Status openNpyFeatures(const QString& path, Index samples, std::unique_ptr<FeatureSource>& out);
Status openCsvFeatures(const QString& path, Index samples, std::unique_ptr<FeatureSource>& out);

}  // namespace miwb
