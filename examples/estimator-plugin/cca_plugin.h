#pragma once
// The plugin's root object: the factory the host finds through the metadata below.
#include <QObject>

#include "miwb/estimator.h"

namespace miwb::cca {

class CcaEstimatorPlugin : public QObject, public EstimatorFactory {
  Q_OBJECT
  // miwb_add_plugin() writes miwb_metadata/cca.json from cca.json, adding the SDK version.
  Q_PLUGIN_METADATA(IID MIWB_ESTIMATOR_FACTORY_IID FILE "miwb_metadata/cca.json")
  Q_INTERFACES(miwb::EstimatorFactory)

 public:
  Status create(const std::string& estimatorId, const Json& params, std::unique_ptr<Estimator>& out) const override;
};

}  // namespace miwb::cca
