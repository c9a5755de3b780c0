#pragma once
// Activation stores: inputs X, labels Y and, per layer, the layer's activations at a list of epochs
// (docs/activations.md). Files are read lazily, one (layer, epoch) slice at a time, so a store larger
// than memory works. Layout (the same names in every form):
//   x (N, D) inputs; y (N,) integer labels or (N, C) one-hot; optional epochs (E,) ints;
//   optional layers (names, giving the order); optional train_mask (N,) bool;
//   per layer either act/<layer> (E, N, U) or act/<layer>/<epoch> (N, U).
// x and activations may have more axes, (N, ...) and (E, N, ...) (images, conv feature maps): each
// sample is read flattened in C order, in C- or Fortran-order files alike.
// Forms: .npz (numpy savez / savez_compressed), a folder of .npy files, HDF5 (.h5 / .hdf5).
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "miwb/dataset.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

// Opens a store, choosing the form from the path: a folder, *.npz, or *.h5 / *.hdf5. Checks the
// layout up front (shapes, dtypes, epochs) without reading any activations; every problem comes back
// as one sentence naming the file and the member.
Status openActivationStoreFile(const QString& path, std::unique_ptr<ActivationStore>& out);

// Writes any store as an uncompressed .npz (numpy can read it with np.load): x, y, epochs, layers,
// train_mask (when the store has one) and act/<layer> of shape (E, N, U) in float64. Slices are read
// one at a time while writing, so a lazily read store is copied without loading it whole.
Status saveActivationStoreNpz(const ActivationStore& store, const QString& path);

// A store held in memory, e.g. filled by an in-app training run.
class InMemoryActivationStore final : public ActivationStore {
 public:
  // activations[l][e] is layer l at epoch e: an N x U_l matrix with N = inputs.rows().
  // trainMask is empty (unknown) or has N entries. Use check() to validate the shapes.
  InMemoryActivationStore(Matrix inputs, Labels labels, std::vector<std::string> layers, std::vector<int> epochs,
                          std::vector<bool> trainMask, std::vector<std::vector<Matrix>> activations);

  // Ok when every shape agrees (labels and masks of N entries, one N-row matrix per layer and epoch).
  Status check() const;

  const Variable& inputs() const override { return inputs_; }
  const Variable& labels() const override { return labels_; }
  std::vector<std::string> layers() const override { return layers_; }
  std::vector<int> epochs() const override { return epochs_; }
  std::vector<bool> trainMask() const override { return trainMask_; }
  Status activation(int layerIndex, int epochIndex, Matrix& out) const override;

 private:
  Variable inputs_;
  Variable labels_;
  std::vector<std::string> layers_;
  std::vector<int> epochs_;
  std::vector<bool> trainMask_;
  std::vector<std::vector<Matrix>> activations_;
};

}  // namespace miwb
