#include "ksg_plugin.h"

#include "ksg_estimator.h"

miwb::Status KsgEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                        std::unique_ptr<miwb::Estimator>& out) const {
  if (estimatorId != "ksg") return miwb::Status::invalidInput("this plugin offers 'ksg', not '" + estimatorId + "'");
  ksg::Options options;
  options.k = params.at("k").get<int>();
  options.algorithm = params.at("algorithm").get<std::string>() == "2" ? 2 : 1;
  options.standardize = params.at("standardize").get<bool>();
  options.noise = params.at("noise").get<double>();
  out = std::make_unique<ksg::KsgEstimator>(options);
  return miwb::Status::ok();
}
