#pragma once
// The 12-bit data set of Shwartz-Ziv & Tishby (2017): 4096 inputs, every 12-bit pattern once, with
// binary labels bundled as the Qt resource ":/miwb/ib12bit_labels.txt".
// Row i holds the bits of the integer i, most significant first: x(i, j) = (i >> (11 - j)) & 1.
#include <cstdint>
#include <vector>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

constexpr Index kIb12bitSamples = 4096;
constexpr Index kIb12bitBits = 12;

// x: 4096 x 12 matrix of 0/1; y: 4096 labels in {0, 1}.
Status loadIb12bit(Matrix& x, Labels& y);

// A train/test split of the 4096 rows with round(trainFraction * 4096) training rows (mask true).
// shuffle = false: the first rows in order, as in the original code; shuffle = true: the first rows of
// a permutation drawn from `seed` (Random::shuffle, the same on every platform).
std::vector<bool> ib12bitTrainMask(double trainFraction, bool shuffle, std::uint64_t seed);

}  // namespace miwb
