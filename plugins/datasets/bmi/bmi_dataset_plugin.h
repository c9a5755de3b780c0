#pragma once
#include <QObject>

#include "miwb/dataset.h"

namespace miwb::bmi {

class BmiDatasetPlugin : public QObject, public DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/bmi_dataset.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  // `params` resolved against the schema: a named task, or `custom` built from the family parameters.
  Status createPairSource(const std::string& datasetId, const Json& params,
                          std::unique_ptr<PairSource>& out) const override;
};

}  // namespace miwb::bmi
