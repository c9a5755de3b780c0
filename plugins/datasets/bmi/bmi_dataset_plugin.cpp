#include "bmi_dataset_plugin.h"

#include "bmi_pairs.h"
#include "miwb/param_reader.h"
#include "task_table.h"

namespace miwb::bmi {
namespace {

Status customTask(ParamReader& read, TaskSpec& spec) {
  const std::string family = read.get<std::string>("family"), transform = read.get<std::string>("transform");
  spec.dx = read.get<Index>("dx");
  spec.dy = read.get<Index>("dy");
  spec.rho = read.get<double>("rho");
  spec.pairs = read.get<Index>("pairs");
  spec.strength = read.get<double>("strength");
  spec.dof = read.get<double>("dof");
  spec.noise = read.get<double>("noise");
  MIWB_TRY(read.status());
  MIWB_TRY(parseFamily(family, spec.family));
  return parseTransform(transform, spec.transform);
}

}  // namespace

Status BmiDatasetPlugin::createPairSource(const std::string& datasetId, const Json& params,
                                          std::unique_ptr<PairSource>& out) const {
  ParamReader read(params, datasetId);
  const std::string task = read.get<std::string>("task");
  MIWB_TRY(read.status());
  TaskSpec spec;
  MIWB_TRY(task == "custom" ? customTask(read, spec) : findTask(task, spec));
  MIWB_TRY(validate(spec));
  out = std::make_unique<BmiPairs>(spec);
  return Status::ok();
}

}  // namespace miwb::bmi
