#include "miwb/data/ib12bit.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "miwb/random.h"

namespace miwb {

Status loadIb12bit(Matrix& x, Labels& y) {
  QFile file(QStringLiteral(":/miwb/ib12bit_labels.txt"));
  if (!file.open(QIODevice::ReadOnly)) return Status::failed("the bundled 12-bit labels (:/miwb/ib12bit_labels.txt) are missing");
  Labels labels;
  labels.reserve(kIb12bitSamples);
  for (const char c : file.readAll()) {
    if (c == '0' || c == '1') labels.push_back(c - '0');
    else if (c != '\n' && c != '\r') return Status::failed("the bundled 12-bit labels hold an unexpected character");
  }
  if (static_cast<Index>(labels.size()) != kIb12bitSamples)
    return Status::failed("the bundled 12-bit labels hold " + std::to_string(labels.size()) + " labels, not 4096");
  x.resize(kIb12bitSamples, kIb12bitBits);
  for (Index i = 0; i < kIb12bitSamples; ++i)
    for (Index j = 0; j < kIb12bitBits; ++j) x(i, j) = static_cast<double>((i >> (kIb12bitBits - 1 - j)) & 1);
  y = std::move(labels);
  return Status::ok();
}

std::vector<bool> ib12bitTrainMask(double trainFraction, bool shuffle, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(kIb12bitSamples);
  const auto train = static_cast<std::size_t>(std::lround(std::clamp(trainFraction, 0.0, 1.0) * static_cast<double>(n)));
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (shuffle) {
    Random rng(seed);
    rng.shuffle(order);
  }
  std::vector<bool> mask(n, false);
  for (std::size_t k = 0; k < train; ++k) mask[order[k]] = true;
  return mask;
}

}  // namespace miwb
