#pragma once
#include <QObject>

#include "miwb/dataset.h"

namespace miwb::activations {

// Opens activation stores saved by the user's own training runs (the readers live in core).
class ActivationsDatasetPlugin : public QObject, public miwb::DatasetFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_DATASET_FACTORY_IID FILE "miwb_metadata/activations_dataset.json")
  Q_INTERFACES(miwb::DatasetFactory)

 public:
  miwb::Status openActivationStore(const std::string& datasetId, const miwb::Json& params, miwb::RunContext& ctx,
                                   std::unique_ptr<miwb::ActivationStore>& out) const override;
};

}  // namespace miwb::activations
