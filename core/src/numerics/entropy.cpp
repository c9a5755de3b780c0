#include "miwb/numerics/entropy.h"

#include <algorithm>
#include <cmath>

namespace miwb {

double plugInEntropy(const std::vector<Index>& counts) {
  Index n = 0;
  double sumCLogC = 0.0;
  for (Index c : counts) {
    if (c <= 0) continue;
    n += c;
    sumCLogC += static_cast<double>(c) * std::log(static_cast<double>(c));
  }
  if (n == 0) return 0.0;
  return std::max(0.0, std::log(static_cast<double>(n)) - sumCLogC / static_cast<double>(n));
}

DenseLabels jointSymbols(const DenseLabels& a, const DenseLabels& b) {
  const auto kb = static_cast<std::int64_t>(b.counts.size());
  Labels pairs(a.codes.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) pairs[i] = a.codes[i] * kb + b.codes[i];
  return denseLabels(pairs);
}

double PlugInInformation::mutualInformation() const { return std::max(0.0, hx + hy - hxy); }

PlugInInformation plugInInformation(const DenseLabels& x, const DenseLabels& y) {
  PlugInInformation out;
  out.hx = plugInEntropy(x.counts);
  out.hy = plugInEntropy(y.counts);
  out.hxy = plugInEntropy(jointSymbols(x, y).counts);
  return out;
}

}  // namespace miwb
