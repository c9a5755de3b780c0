#pragma once
#include <QObject>

#include "miwb/dataset.h"

namespace miwb::gaussian_dataset {

class GaussianDatasetPlugin : public QObject, public miwb::DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/gaussian_dataset.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  miwb::Status createPairSource(const std::string& datasetId, const miwb::Json& params,
                                std::unique_ptr<miwb::PairSource>& out) const override;
};

}  // namespace miwb::gaussian_dataset
