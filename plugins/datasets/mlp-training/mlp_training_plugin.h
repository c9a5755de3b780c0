#pragma once
#include <QObject>

#include "miwb/dataset.h"

namespace miwb::mlp_training {

// Dataset plugin "mlp-training": an activation store produced by a training run inside the workbench.
class MlpTrainingPlugin : public QObject, public miwb::DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/mlp_training.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  miwb::Status openActivationStore(const std::string& datasetId, const miwb::Json& params, miwb::RunContext& ctx,
                                   std::unique_ptr<miwb::ActivationStore>& out) const override;
  miwb::Status describeActivationStore(const std::string& datasetId, const miwb::Json& params,
                                       miwb::ActivationStoreShape& out) const override;
};

}  // namespace miwb::mlp_training
