#include "training_params.h"

#include "recorded_epochs.h"

namespace miwb::mlp_training {

namespace {

const std::string kOwner = "mlp-training";

miwb::Status bad(const std::string& name, const std::string& what) {
  return miwb::Status::invalidInput("parameter '" + name + "' of '" + kOwner + "' " + what);
}

// Reads params[name] as T, or explains which parameter is missing or mistyped.
template <class T>
miwb::Status get(const miwb::Json& params, const std::string& name, T& out) {
  if (!params.is_object() || !params.contains(name)) return bad(name, "is missing");
  try {
    out = params.at(name).get<T>();
  } catch (const std::exception&) {
    return bad(name, "has the wrong type: " + params.at(name).dump());
  }
  return miwb::Status::ok();
}

}  // namespace

miwb::Status readTrainingParams(const miwb::Json& params, const miwb::RunContext& ctx, TrainingRequest& out) {
  TrainingRequest r;
  TrainingConfig& c = r.config;
  std::string activation, optimizer, split, init;
  int recorded = 0;
  MIWB_TRY(get(params, "data", r.data));
  MIWB_TRY(get(params, "hidden", c.hidden));
  MIWB_TRY(get(params, "activation", activation));
  MIWB_TRY(get(params, "optimizer", optimizer));
  MIWB_TRY(get(params, "learning_rate", c.learningRate));
  MIWB_TRY(get(params, "batch_size", c.batchSize));
  MIWB_TRY(get(params, "epochs", c.epochs));
  MIWB_TRY(get(params, "recorded_epochs", recorded));
  MIWB_TRY(get(params, "weight_decay", c.weightDecay));
  MIWB_TRY(get(params, "train_fraction", c.trainFraction));
  MIWB_TRY(get(params, "split", split));
  MIWB_TRY(get(params, "init", init));
  MIWB_TRY(get(params, "save_path", r.savePath));
  MIWB_TRY(get(params, "checkpoint_folder", r.checkpointFolder));

  if (r.data.empty()) return bad("data", "must name \"ib12bit\" or a data file");
  if (c.hidden.empty()) return bad("hidden", "must list at least one hidden-layer width");
  for (int width : c.hidden)
    if (width < 1) return bad("hidden", "must hold widths >= 1, got " + params.at("hidden").dump());
  const auto act = activationFromName(activation);
  if (!act) return bad("activation", "must be one of tanh, relu, sigmoid, softsign, linear, got '" + activation + "'");
  c.activation = *act;
  const auto opt = optimizerFromName(optimizer);
  if (!opt) return bad("optimizer", "must be adam or sgd, got '" + optimizer + "'");
  c.optimizer = *opt;
  if (!(c.learningRate > 0.0)) return bad("learning_rate", "must be > 0");
  if (c.batchSize < 1) return bad("batch_size", "must be >= 1");
  if (c.epochs < 1) return bad("epochs", "must be >= 1");
  if (recorded < 1) return bad("recorded_epochs", "must be >= 1");
  c.recordEpochs = logSpacedEpochs(c.epochs, recorded);
  if (!(c.weightDecay >= 0.0)) return bad("weight_decay", "must be >= 0");
  if (!(c.trainFraction > 0.0 && c.trainFraction <= 1.0))
    return bad("train_fraction", "must be in (0, 1], got " + params.at("train_fraction").dump());
  if (split != "random" && split != "first") return bad("split", "must be random or first, got '" + split + "'");
  c.randomSplit = split == "random";
  if (init != "truncated-normal" && init != "glorot-uniform")
    return bad("init", "must be truncated-normal or glorot-uniform, got '" + init + "'");
  c.init = init == "truncated-normal" ? WeightInit::TruncatedNormal : WeightInit::GlorotUniform;
  const miwb::Json seed = params.contains("seed") ? params.at("seed") : miwb::Json();
  if (seed.is_null()) {
    c.seed = ctx.seed();
  } else if (seed.is_number_integer() && seed.get<long long>() >= 0) {
    c.seed = seed.get<std::uint64_t>();
  } else {
    return bad("seed", "must be an integer >= 0 or auto, got " + seed.dump());
  }
  out = std::move(r);
  return miwb::Status::ok();
}

}  // namespace miwb::mlp_training
