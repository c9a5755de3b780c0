#pragma once
#include <QObject>

#include "miwb/estimator.h"

namespace miwb::kdefft {

class KdeFftEstimatorPlugin : public QObject, public miwb::EstimatorFactory {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID MIWB_ESTIMATOR_FACTORY_IID FILE "miwb_metadata/kde_fft.json")
  Q_INTERFACES(miwb::EstimatorFactory)

 public:
  miwb::Status create(const std::string& estimatorId, const miwb::Json& params,
                      std::unique_ptr<miwb::Estimator>& out) const override;
};

}  // namespace miwb::kdefft
