#pragma once
#include <QObject>

#include "miwb/dataset.h"

namespace miwb::ib12bit {

// The 12-bit data set as (X, Y) pairs; the data and the split come from core (miwb/data/ib12bit.h),
// which the training plugin shares.
class Ib12bitDatasetPlugin : public QObject, public miwb::DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/ib12bit_dataset.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  miwb::Status createPairSource(const std::string& datasetId, const miwb::Json& params,
                                std::unique_ptr<miwb::PairSource>& out) const override;
};

}  // namespace miwb::ib12bit
