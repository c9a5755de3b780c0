#pragma once
// The dataset plugin interface. A dataset offers either pairs (X, Y) sampled on demand (synthetic
// sources, which may know the true MI), or an activation store (inputs, labels and per-layer
// activations over training epochs, read one slice at a time).
#include <QtPlugin>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "miwb/params.h"
#include "miwb/run_context.h"
#include "miwb/sdk.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

enum class PairSide { X, Y };

class PairSource {
 public:
  virtual ~PairSource() = default;
  // Draws n samples using ctx's seed. Same seed and n -> same data.
  virtual Status sample(Index n, RunContext& ctx, Variable& x, Variable& y) const = 0;
  // I(X;Y) in nats where a closed form exists.
  virtual std::optional<double> trueMutualInformation() const { return std::nullopt; }
  // H(X) or H(Y) in nats where a closed form exists: differential entropy for continuous values,
  // Shannon entropy for labels.
  virtual std::optional<double> trueEntropy(PairSide) const { return std::nullopt; }
  // A finite data set cannot give more samples than it has.
  virtual std::optional<Index> maxSamples() const { return std::nullopt; }
  // A conditioning variable Z drawn with X and Y (SDK 1.2), for sources whose metadata has a
  // "conditional" entry (what Z is, in words; the host asks only those): the same X and Y as
  // sample() gives for the same seed and n. The default is unsupported.
  virtual Status sampleConditioned(Index n, RunContext& ctx, Variable& x, Variable& y, Variable& z) const;
  // I(X;Y|Z) in nats where a closed form exists.
  virtual std::optional<double> trueConditionalMutualInformation() const { return std::nullopt; }
};

class ActivationStore {
 public:
  virtual ~ActivationStore() = default;
  // X: input values with a symbol per distinct input row; Y: class labels.
  virtual const Variable& inputs() const = 0;
  virtual const Variable& labels() const = 0;
  virtual std::vector<std::string> layers() const = 0;
  virtual std::vector<int> epochs() const = 0;
  // Which samples were used for training (empty when the store does not say).
  virtual std::vector<bool> trainMask() const { return {}; }
  // The N x units activations of one layer at one epoch (indices into layers()/epochs()).
  // Thread-safe; reads lazily so that stores larger than memory work.
  virtual Status activation(int layerIndex, int epochIndex, Matrix& out) const = 0;
};

// What an activation store holds, said without opening it: a run's cost can be estimated before a
// dataset that trains a network has trained it.
struct ActivationStoreShape {
  Index samples = 0;
  Index trainSamples = -1;  // -1: the store does not say which samples were for training
  std::vector<std::string> layers;
  std::vector<Index> units;  // per layer
  std::vector<int> epochs;
};

class DatasetFactory {
 public:
  virtual ~DatasetFactory() = default;
  // `params` is resolved against the schema in the metadata.
  virtual Status createPairSource(const std::string& datasetId, const Json& params,
                                  std::unique_ptr<PairSource>& out) const;
  // May take long (an in-app training run): reports progress and honours cancellation.
  virtual Status openActivationStore(const std::string& datasetId, const Json& params, RunContext& ctx,
                                     std::unique_ptr<ActivationStore>& out) const;
  // Quick (no training, no activations read): the shape the store of `params` will have. Datasets
  // whose opening is cheap need not offer it (the default is unsupported): the store is then opened.
  virtual Status describeActivationStore(const std::string& datasetId, const Json& params,
                                         ActivationStoreShape& out) const;
};

}  // namespace miwb

Q_DECLARE_INTERFACE(miwb::DatasetFactory, MIWB_DATASET_FACTORY_IID)
