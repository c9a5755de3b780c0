#include "training_params.h"

#include "miwb/param_reader.h"
#include "recorded_epochs.h"

namespace miwb::mlp_training {

miwb::Status readTrainingParams(const miwb::Json& params, const miwb::RunContext& ctx, TrainingRequest& out) {
  TrainingRequest r;
  TrainingConfig& c = r.config;
  miwb::ParamReader read(params, "mlp-training");
  r.data = read.get<std::string>("data");
  c.hidden = read.get<std::vector<int>>("hidden");
  const std::string activation = read.get<std::string>("activation");
  const std::string optimizer = read.get<std::string>("optimizer");
  c.learningRate = read.get<double>("learning_rate");
  c.batchSize = read.get<int>("batch_size");
  c.epochs = read.get<int>("epochs");
  const int recorded = read.get<int>("recorded_epochs");
  c.weightDecay = read.get<double>("weight_decay");
  c.trainFraction = read.get<double>("train_fraction");
  c.randomSplit = read.choice<bool>("split", {{"random", true}, {"first", false}});
  c.init = read.choice<WeightInit>("init", {{"truncated-normal", WeightInit::TruncatedNormal},
                                            {"glorot-uniform", WeightInit::GlorotUniform}});
  const std::optional<std::uint64_t> seed = read.get<std::optional<std::uint64_t>>("seed");
  r.savePath = read.get<std::string>("save_path");
  read.require(!r.data.empty(), "data", "must name \"ib12bit\" or a data file");
  read.require(!c.hidden.empty(), "hidden", "must list at least one hidden-layer width");
  MIWB_TRY(read.status());
  const auto act = activationFromName(activation);
  read.require(act.has_value(), "activation", "names an activation this plugin lacks: '" + activation + "'");
  const auto opt = optimizerFromName(optimizer);
  read.require(opt.has_value(), "optimizer", "names an optimizer this plugin lacks: '" + optimizer + "'");
  MIWB_TRY(read.status());
  c.activation = *act;
  c.optimizer = *opt;
  c.recordEpochs = logSpacedEpochs(c.epochs, recorded);
  c.seed = seed.value_or(ctx.seed());  // auto: the run's seed
  out = std::move(r);
  return miwb::Status::ok();
}

}  // namespace miwb::mlp_training
