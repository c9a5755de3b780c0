#include "activations_dataset_plugin.h"

#include <QString>

#include "miwb/param_reader.h"
#include "miwb/stores/activation_store.h"

namespace miwb::activations {

miwb::Status ActivationsDatasetPlugin::openActivationStore(const std::string& datasetId, const miwb::Json& params,
                                                           miwb::RunContext& ctx,
                                                           std::unique_ptr<miwb::ActivationStore>& out) const {
  miwb::ParamReader read(params, datasetId);
  const std::string path = read.get<std::string>("path");
  MIWB_TRY(read.status());
  if (path.empty())
    return miwb::Status::invalidInput("parameter 'path' of '" + datasetId +
                                      "' is empty: give a .npz file, an .h5/.hdf5 file or a folder of .npy files");
  if (ctx.cancelled()) return miwb::Status::cancelled();
  MIWB_TRY(miwb::openActivationStoreFile(QString::fromStdString(path), out));
  ctx.progress(1.0);
  return miwb::Status::ok();
}

}  // namespace miwb::activations
