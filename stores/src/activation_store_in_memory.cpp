#include "miwb/stores/activation_store.h"

namespace miwb {

InMemoryActivationStore::InMemoryActivationStore(Matrix inputs, Labels labels, std::vector<std::string> layers,
                                                 std::vector<int> epochs, std::vector<bool> trainMask,
                                                 std::vector<std::vector<Matrix>> activations)
    : inputs_(Variable::withRowSymbols(std::move(inputs))),
      labels_(Variable::discrete(std::move(labels))),
      layers_(std::move(layers)),
      epochs_(std::move(epochs)),
      trainMask_(std::move(trainMask)),
      activations_(std::move(activations)) {}

Status InMemoryActivationStore::check() const {
  const Index n = inputs_.samples();
  const std::string rows = std::to_string(n);
  if (static_cast<Index>(labels_.labels().size()) != n)
    return Status::invalidInput("the store has " + std::to_string(labels_.labels().size()) + " labels for " + rows + " inputs");
  if (!trainMask_.empty() && static_cast<Index>(trainMask_.size()) != n)
    return Status::invalidInput("the store's train mask has " + std::to_string(trainMask_.size()) + " entries for " + rows + " inputs");
  if (activations_.size() != layers_.size())
    return Status::invalidInput("the store has activations for " + std::to_string(activations_.size()) + " layers but " +
                                std::to_string(layers_.size()) + " layer names");
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    if (activations_[l].size() != epochs_.size())
      return Status::invalidInput("layer '" + layers_[l] + "' has " + std::to_string(activations_[l].size()) +
                                  " epochs of activations but the store lists " + std::to_string(epochs_.size()));
    for (std::size_t e = 0; e < epochs_.size(); ++e)
      if (activations_[l][e].rows() != n)
        return Status::invalidInput("layer '" + layers_[l] + "' at epoch " + std::to_string(epochs_[e]) + " has " +
                                    std::to_string(activations_[l][e].rows()) + " rows but there are " + rows + " inputs");
  }
  return Status::ok();
}

Status InMemoryActivationStore::activation(int layerIndex, int epochIndex, Matrix& out) const {
  if (layerIndex < 0 || static_cast<std::size_t>(layerIndex) >= activations_.size())
    return Status::invalidInput("there is no layer number " + std::to_string(layerIndex));
  const auto& perEpoch = activations_[static_cast<std::size_t>(layerIndex)];
  if (epochIndex < 0 || static_cast<std::size_t>(epochIndex) >= perEpoch.size())
    return Status::invalidInput("layer number " + std::to_string(layerIndex) + " has no epoch number " + std::to_string(epochIndex));
  out = perEpoch[static_cast<std::size_t>(epochIndex)];
  return Status::ok();
}

}  // namespace miwb
