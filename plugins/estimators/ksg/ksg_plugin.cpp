#include "ksg_plugin.h"

#include "ksg_estimator.h"
#include "miwb/param_reader.h"

namespace miwb::ksg {

miwb::Status KsgEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                        std::unique_ptr<miwb::Estimator>& out) const {
  if (estimatorId != "ksg") return miwb::Status::invalidInput("this plugin offers 'ksg', not '" + estimatorId + "'");
  miwb::ParamReader read(params, estimatorId);
  Options options;
  options.k = read.get<int>("k");
  options.algorithm = read.choice<int>("algorithm", {{"1", 1}, {"2", 2}});
  options.standardize = read.get<bool>("standardize");
  options.noise = read.get<double>("noise");
  options.compress = read.choice<Compress>(
      "compress", {{"none", Compress::None}, {"components", Compress::Components}, {"variance", Compress::Variance}});
  options.components = read.get<int>("components");
  options.varianceShare = read.get<double>("variance_share");
  options.search = read.choice<miwb::NeighbourSearch>("search", {{"auto", miwb::NeighbourSearch::Automatic},
                                                                {"kd-tree", miwb::NeighbourSearch::Tree},
                                                                {"brute-force", miwb::NeighbourSearch::Scan}});
  MIWB_TRY(read.status());
  out = std::make_unique<KsgEstimator>(options);
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
