#pragma once
#include <QObject>

#include "miwb/estimator.h"

namespace miwb::kernel {

// Offers "renyi" (matrix-based Renyi alpha-entropy MI) and "cauchy-schwarz" (quadratic MI).
class KernelEstimatorPlugin : public QObject, public miwb::EstimatorFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_ESTIMATOR_FACTORY_IID FILE "miwb_metadata/kernel.json")
  Q_INTERFACES(miwb::EstimatorFactory)

 public:
  miwb::Status create(const std::string& estimatorId, const miwb::Json& params,
                      std::unique_ptr<miwb::Estimator>& out) const override;
};

}  // namespace miwb::kernel
