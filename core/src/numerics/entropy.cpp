#include "miwb/numerics/entropy.h"

#include <algorithm>
#include <cmath>

namespace miwb {

namespace {

// The correctly rounded sum of `values` (Shewchuk's exact partials, with the final half-way
// correction), the algorithm of Python's math.fsum: independent of the terms' order, and the same
// bits as math.fsum, which lets a reference reproduce the entropies exactly.
double exactSum(const std::vector<double>& values) {
  std::vector<double> partials;
  for (double x : values) {
    std::size_t i = 0;
    for (double y : partials) {
      if (std::abs(x) < std::abs(y)) std::swap(x, y);
      const double hi = x + y, lo = y - (hi - x);
      if (lo != 0.0) partials[i++] = lo;
      x = hi;
    }
    partials.resize(i);
    partials.push_back(x);
  }
  std::size_t n = partials.size();
  if (n == 0) return 0.0;
  double hi = partials[--n], lo = 0.0;
  while (n > 0) {
    const double x = hi, y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo != 0.0) break;
  }
  // hi + lo rounds half-way: the partials below decide which way.
  if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
    const double y = lo * 2.0, x = hi + y;
    if (y == x - hi) hi = x;
  }
  return hi;
}

}  // namespace

double plugInEntropy(const std::vector<Index>& counts) {
  Index n = 0;
  std::vector<double> terms;
  terms.reserve(counts.size());
  for (Index c : counts) {
    if (c <= 0) continue;
    n += c;
    terms.push_back(static_cast<double>(c) * std::log(static_cast<double>(c)));
  }
  if (n == 0) return 0.0;
  return std::max(0.0, std::log(static_cast<double>(n)) - exactSum(terms) / static_cast<double>(n));
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
