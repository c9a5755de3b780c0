#include "ksg_plugin.h"

#include "ksg_estimator.h"

namespace miwb::ksg {

miwb::Status KsgEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                        std::unique_ptr<miwb::Estimator>& out) const {
  if (estimatorId != "ksg") return miwb::Status::invalidInput("this plugin offers 'ksg', not '" + estimatorId + "'");
  Options options;
  options.k = params.at("k").get<int>();
  options.algorithm = params.at("algorithm").get<std::string>() == "2" ? 2 : 1;
  options.standardize = params.at("standardize").get<bool>();
  options.noise = params.at("noise").get<double>();
  const std::string compress = params.at("compress").get<std::string>();
  options.compress = compress == "components" ? Compress::Components
                     : compress == "variance" ? Compress::Variance
                                              : Compress::None;
  options.components = params.at("components").get<int>();
  options.varianceShare = params.at("variance_share").get<double>();
  // The schema's bounds are inclusive; a share of 0 would keep no component.
  if (!(options.varianceShare > 0.0))
    return miwb::Status::invalidInput("parameter 'variance_share' of 'ksg' must be in (0, 1], got " +
                                      std::to_string(options.varianceShare));
  out = std::make_unique<KsgEstimator>(options);
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
