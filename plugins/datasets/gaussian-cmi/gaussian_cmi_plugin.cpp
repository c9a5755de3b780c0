#include "gaussian_cmi_plugin.h"

#include "gaussian_triples.h"
#include "miwb/param_reader.h"

namespace miwb::gaussian_cmi {

miwb::Status GaussianCmiDatasetPlugin::createPairSource(const std::string& datasetId, const miwb::Json& params,
                                                        std::unique_ptr<miwb::PairSource>& out) const {
  if (datasetId != "gaussian-cmi")
    return miwb::Status::invalidInput("this plugin offers 'gaussian-cmi', not '" + datasetId + "'");
  miwb::ParamReader read(params, datasetId);
  TripleSpec spec;
  spec.dim = read.get<Index>("dim");
  spec.rhoXz = read.get<double>("rho_xz");
  spec.strength = read.get<double>("strength");
  spec.through = read.get<double>("through");
  using Map = std::optional<miwb::GaussianMap>;
  spec.map = read.choice<Map>("transform", {{"none", std::nullopt},
                                            {"half-cube", miwb::GaussianMap::HalfCube},
                                            {"asinh", miwb::GaussianMap::Asinh},
                                            {"normal-cdf", miwb::GaussianMap::NormalCdf}});
  MIWB_TRY(read.status());
  out = std::make_unique<GaussianTriples>(spec);
  return miwb::Status::ok();
}

}  // namespace miwb::gaussian_cmi
