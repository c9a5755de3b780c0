#include "bmi_dataset_plugin.h"

#include "bmi_pairs.h"
#include "task_table.h"

namespace miwb::bmi {
namespace {

Status customTask(const Json& params, TaskSpec& spec) {
  MIWB_TRY(parseFamily(params.at("family").get<std::string>(), spec.family));
  MIWB_TRY(parseTransform(params.at("transform").get<std::string>(), spec.transform));
  spec.dx = params.at("dx").get<Index>();
  spec.dy = params.at("dy").get<Index>();
  spec.rho = params.at("rho").get<double>();
  spec.pairs = params.at("pairs").get<Index>();
  spec.strength = params.at("strength").get<double>();
  spec.dof = params.at("dof").get<double>();
  spec.noise = params.at("noise").get<double>();
  return Status::ok();
}

}  // namespace

Status BmiDatasetPlugin::createPairSource(const std::string&, const Json& params,
                                          std::unique_ptr<PairSource>& out) const {
  const std::string task = params.at("task").get<std::string>();
  TaskSpec spec;
  MIWB_TRY(task == "custom" ? customTask(params, spec) : findTask(task, spec));
  MIWB_TRY(validate(spec));
  out = std::make_unique<BmiPairs>(spec);
  return Status::ok();
}

}  // namespace miwb::bmi
