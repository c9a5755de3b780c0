#include "mlp_training_plugin.h"

#include <QFileInfo>
#include <algorithm>

#include "miwb/stores/activation_store.h"
#include "trainer.h"
#include "training_params.h"

namespace miwb::mlp_training {

miwb::Status MlpTrainingPlugin::openActivationStore(const std::string&, const miwb::Json& params,
                                                    miwb::RunContext& ctx,
                                                    std::unique_ptr<miwb::ActivationStore>& out) const {
  TrainingRequest request;
  MIWB_TRY(readTrainingParams(params, ctx, request));
  // Checked before training so that a typo does not cost a whole run.
  if (!request.savePath.empty() && !QFileInfo(QFileInfo(QString::fromStdString(request.savePath)).absolutePath()).isDir())
    return miwb::Status::invalidInput("parameter 'save_path' of 'mlp-training': the folder of '" + request.savePath +
                                      "' does not exist");
  TrainingData data;
  MIWB_TRY(loadTrainingData(request.data, "data", data));
  if (!request.checkpointFolder.empty()) {
    // Resumed only by the same training: same parameters (wherever the folder is), seed and data shape.
    miwb::Json identity = params;
    identity.erase("checkpoint_folder");
    request.config.checkpointFolder = request.checkpointFolder;
    request.config.fingerprint = identity.dump() + "|seed=" + std::to_string(request.config.seed) +
                                 "|x=" + std::to_string(data.x.rows()) + "x" + std::to_string(data.x.cols());
  }
  TrainingRecord record;
  MIWB_TRY(trainAndRecord(data, request.config, ctx, record));

  auto store = std::make_unique<miwb::InMemoryActivationStore>(
      std::move(data.x), std::move(data.labels), std::move(record.layers), std::move(record.epochs),
      std::move(record.trainMask), std::move(record.activations));
  MIWB_TRY(store->check());
  if (!request.savePath.empty())
    MIWB_TRY(miwb::saveActivationStoreNpz(*store, QString::fromStdString(request.savePath))
                 .withContext("parameter 'save_path' of 'mlp-training'"));
  out = std::move(store);
  return miwb::Status::ok();
}

miwb::Status MlpTrainingPlugin::describeActivationStore(const std::string&, const miwb::Json& params,
                                                        miwb::ActivationStoreShape& out) const {
  TrainingRequest request;
  MIWB_TRY(readTrainingParams(params, miwb::RunContext(), request));
  TrainingData data;
  MIWB_TRY(loadTrainingData(request.data, "data", data));
  out.samples = data.x.rows();
  const std::vector<bool> train = trainingRows(data.labels.size(), request.config);
  out.trainSamples = static_cast<miwb::Index>(std::count(train.begin(), train.end(), true));
  out.layers = recordedLayers(request.config);
  out.units.assign(request.config.hidden.begin(), request.config.hidden.end());
  out.units.push_back(data.classCount);
  out.epochs = request.config.recordEpochs;
  return miwb::Status::ok();
}

}  // namespace miwb::mlp_training
