#pragma once
// The labelled data a network is trained on, and its train/test split.
#include <cstdint>
#include <string>
#include <vector>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb::mlp_training {

struct TrainingData {
  miwb::Matrix x;                 // N x D inputs
  miwb::Labels labels;            // the labels as given
  std::vector<int> classes;       // each label's class index: distinct labels in ascending order
  int classCount = 0;
};

// `source` is "ib12bit" (the bundled 12-bit set of Shwartz-Ziv & Tishby), a .csv whose last column is
// the integer label, or arrays x (N, D) and y (N,) in a .npz, an HDF5 file or a folder of .npy files
// (as `miwb-cli sample` writes). Messages name the parameter `param` and the file.
miwb::Status loadTrainingData(const std::string& source, const std::string& param, TrainingData& out);

// Marks round(fraction * n) rows (at least one) as training rows: the first rows in order, or the
// first rows of a permutation drawn from `seed`.
std::vector<bool> splitRows(std::size_t n, double fraction, bool random, std::uint64_t seed);

// A uniformly random permutation of 0..n-1 by Fisher-Yates. Written out rather than std::shuffle so
// that the same seed gives the same order with every standard library.
std::vector<std::size_t> permutation(std::size_t n, std::uint64_t& state);

}  // namespace miwb::mlp_training
