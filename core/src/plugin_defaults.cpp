// Default implementations of the optional plugin operations.
#include "miwb/dataset.h"
#include "miwb/estimator.h"

namespace miwb {

Status Estimator::entropy(const Variable&, RunContext&, Estimate&) const {
  return Status::unsupported("this estimator does not estimate entropy");
}

Status Estimator::informationPlane(const Variable& x, const Variable& t, const Variable& y, RunContext& ctx,
                                   Estimate& xt, Estimate& ty) const {
  MIWB_TRY(mutualInformation(x, t, ctx, xt));
  return mutualInformation(t, y, ctx, ty);
}

Status Estimator::conditionalMutualInformation(const Variable&, const Variable&, const Variable&, RunContext&,
                                               Estimate&) const {
  return Status::unsupported("this estimator cannot condition on Z (it does not estimate I(X;Y|Z))");
}

Status PairSource::sampleConditioned(Index, RunContext&, Variable&, Variable&, Variable&) const {
  return Status::unsupported("this dataset draws no conditioning variable Z");
}

Status DatasetFactory::createPairSource(const std::string& datasetId, const Json&,
                                        std::unique_ptr<PairSource>&) const {
  return Status::unsupported("dataset '" + datasetId + "' does not provide sampled pairs");
}

Status DatasetFactory::openActivationStore(const std::string& datasetId, const Json&, RunContext&,
                                           std::unique_ptr<ActivationStore>&) const {
  return Status::unsupported("dataset '" + datasetId + "' does not provide activations");
}

Status DatasetFactory::describeActivationStore(const std::string& datasetId, const Json&, ActivationStoreShape&) const {
  return Status::unsupported("dataset '" + datasetId + "' cannot say its shape without opening it");
}

}  // namespace miwb
