#pragma once
#include <QObject>

#include "miwb/dataset.h"

namespace miwb::gaussian_cmi {

// Factory of the "gaussian-cmi" dataset: Gaussian triples (X, Y, Z) with known I(X;Y|Z).
class GaussianCmiDatasetPlugin : public QObject, public miwb::DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/gaussian_cmi.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  miwb::Status createPairSource(const std::string& datasetId, const miwb::Json& params,
                                std::unique_ptr<miwb::PairSource>& out) const override;
};

}  // namespace miwb::gaussian_cmi
