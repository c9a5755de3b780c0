#pragma once
// Activation stores written for the journeys: a few layers in a chosen order (the order the store's
// `layers` member gives, which is what the window must keep), over a list of epochs, with inputs of
// 12 binary columns and two classes, like the tanh example's data. The activations are a fixed
// function of the input, the layer and the epoch (tanh of a weighted sum), so every store of the
// same shape holds the same numbers.
#include <QString>
#include <cmath>
#include <string>
#include <vector>

#include "miwb/random.h"
#include "miwb/stores/activation_store.h"

namespace journeys {

struct StoreShape {
  std::vector<std::string> layers{"dense", "conv", "out"};
  std::vector<int> epochs{1, 2, 3};
  miwb::Index samples = 512;
  miwb::Index units = 3;
};

inline miwb::Status writeStore(const QString& path, const StoreShape& shape) {
  miwb::Random random(20261207);
  const miwb::Index n = shape.samples, inputs = 12;
  miwb::Matrix x(n, inputs);
  miwb::Labels y(static_cast<std::size_t>(n));
  for (miwb::Index i = 0; i < n; ++i) {
    int ones = 0;
    for (miwb::Index j = 0; j < inputs; ++j) {
      x(i, j) = static_cast<double>(random.integer(2));
      ones += static_cast<int>(x(i, j));
    }
    y[static_cast<std::size_t>(i)] = ones > inputs / 2;
  }
  miwb::Matrix weights(inputs, 64);
  for (miwb::Index r = 0; r < weights.rows(); ++r)
    for (miwb::Index c = 0; c < weights.cols(); ++c) weights(r, c) = random.normal();
  std::vector<std::vector<miwb::Matrix>> activations;
  for (std::size_t l = 0; l < shape.layers.size(); ++l) {
    std::vector<miwb::Matrix> perEpoch;
    for (int epoch : shape.epochs) {
      const double gain = 0.3 * (1 + std::log(static_cast<double>(epoch) + 1)) / static_cast<double>(l + 1);
      miwb::Matrix a(n, shape.units);
      for (miwb::Index i = 0; i < n; ++i)
        for (miwb::Index u = 0; u < shape.units; ++u)
          a(i, u) = std::tanh(gain * x.row(i).dot(weights.col((static_cast<miwb::Index>(l) * shape.units + u) % 64)));
      perEpoch.push_back(std::move(a));
    }
    activations.push_back(std::move(perEpoch));
  }
  miwb::InMemoryActivationStore store(std::move(x), std::move(y), shape.layers, shape.epochs, {}, std::move(activations));
  MIWB_TRY(store.check());
  return miwb::saveActivationStoreNpz(store, path);
}

}  // namespace journeys
