#pragma once
// The estimator plugin interface. A plugin library's root object implements EstimatorFactory;
// the factory makes configured Estimator objects (mlpack style: parameters at construction, then
// verb methods). Estimator calls are const, reentrant and thread-safe: the host runs many at once.
#include <QtPlugin>
#include <memory>
#include <optional>
#include <string>

#include "miwb/params.h"
#include "miwb/run_context.h"
#include "miwb/sdk.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

struct Estimate {
  double valueNats = 0.0;
  std::optional<double> stderrNats;  // when the estimator knows its standard error
  Json details = Json::object();     // estimator-specific extras (e.g. bound terms), journaled as is
};

class Estimator {
 public:
  virtual ~Estimator() = default;
  // I(X;Y) in nats. X and Y have the same number of samples (the host checks this).
  virtual Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx,
                                   Estimate& out) const = 0;
  // H(X) in nats, for estimators that offer one.
  virtual Status entropy(const Variable& x, RunContext& ctx, Estimate& out) const;
  // One information-plane point: xt = I(X;T) and ty = I(T;Y), the values (up to rounding) of
  // mutualInformation(x, t) and mutualInformation(t, y). The default makes those two calls; estimators
  // override it to share work between the two (e.g. H(T) once).
  virtual Status informationPlane(const Variable& x, const Variable& t, const Variable& y, RunContext& ctx,
                                  Estimate& xt, Estimate& ty) const;
  // I(X;Y|Z) in nats, for estimators that can condition (SDK 1.2). X, Y and Z have the same number of
  // samples (the host checks this). The default says the estimator cannot condition. An estimator
  // that overrides this declares it in its metadata with a "conditional" entry (what its I(X;Y|Z)
  // is, in words): the host calls it only then, so a plugin built before 1.2, whose vtable has no
  // such slot, is never asked.
  virtual Status conditionalMutualInformation(const Variable& x, const Variable& y, const Variable& z,
                                              RunContext& ctx, Estimate& out) const;
};

class EstimatorFactory {
 public:
  virtual ~EstimatorFactory() = default;
  // `params` is already resolved against the schema in the metadata (defaults filled, ranges
  // checked); the factory checks only what the schema cannot express.
  virtual Status create(const std::string& estimatorId, const Json& params,
                        std::unique_ptr<Estimator>& out) const = 0;
};

}  // namespace miwb

Q_DECLARE_INTERFACE(miwb::EstimatorFactory, MIWB_ESTIMATOR_FACTORY_IID)
