#include "miwb/numerics/discretise.h"

#include "miwb/hash.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace miwb {
namespace {

// An unsigned key that orders like the double it comes from (IEEE 754: negatives have all bits
// flipped, positives the sign bit set). -0.0 becomes +0.0 first so that the two are one value.
std::uint64_t orderedKey(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value + 0.0);
  return (bits >> 63) ? ~bits : bits | (std::uint64_t{1} << 63);
}

double fromOrderedKey(std::uint64_t key) {
  return std::bit_cast<double>((key >> 63) ? key & ~(std::uint64_t{1} << 63) : ~key);
}

// LSD radix sort, one byte per pass: the pooled values of a wide layer run to 1e7 and more, where
// this is about 2.5 times faster than std::sort (3e7 values: 1.4 s against 3.4 s on one core).
// Passes in which every key has the same byte are skipped.
void radixSort(std::vector<std::uint64_t>& keys) {
  std::vector<std::uint64_t> buffer(keys.size());
  std::array<std::size_t, 257> start{};
  for (int shift = 0; shift < 64; shift += 8) {
    start.fill(0);
    for (std::uint64_t k : keys) ++start[((k >> shift) & 0xFF) + 1];
    if (std::any_of(start.begin() + 1, start.end(), [&](std::size_t c) { return c == keys.size(); })) continue;
    for (std::size_t d = 1; d < start.size(); ++d) start[d] += start[d - 1];
    for (std::uint64_t k : keys) buffer[start[(k >> shift) & 0xFF]++] = k;
    keys.swap(buffer);
  }
}

}  // namespace

BinEdges BinEdges::uniform(double lo, double hi, int bins) {
  BinEdges e;
  e.edges_.resize(static_cast<std::size_t>(bins) + 1);
  for (int k = 0; k <= bins; ++k) e.edges_[static_cast<std::size_t>(k)] = lo + (hi - lo) * k / bins;
  e.edges_.back() = hi;
  e.uniform_ = true;
  e.lo_ = lo;
  e.scale_ = hi > lo ? bins / (hi - lo) : 0.0;
  return e;
}

BinEdges BinEdges::adaptive(const Matrix& values, int bins) {
  std::vector<std::uint64_t> unique(static_cast<std::size_t>(values.size()));
  std::transform(values.data(), values.data() + values.size(), unique.begin(), orderedKey);
  radixSort(unique);
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  if (unique.empty()) return uniform(0.0, 0.0, bins);
  const std::size_t m = unique.size(), b = static_cast<std::size_t>(bins);
  BinEdges e;
  e.uniform_ = false;
  e.edges_.resize(b + 1);
  for (std::size_t k = 0; k < b; ++k) e.edges_[k] = fromOrderedKey(unique[k * m / b]);
  e.edges_[b] = fromOrderedKey(unique.back());
  return e;
}

void BinEdges::dataRange(const Matrix& values, double& lo, double& hi) {
  lo = values.size() ? values.minCoeff() : 0.0;
  hi = values.size() ? values.maxCoeff() : 0.0;
}

int BinEdges::binOf(double value) const {
  const int last = bins() - 1;
  if (uniform_) {
    const double t = (value - lo_) * scale_;
    if (!(t > 0.0)) return 0;  // also catches scale 0 (constant data)
    return t < last ? static_cast<int>(t) : last;
  }
  // The number of interior edges e_1..e_{B-1} at or below the value.
  const auto first = edges_.begin() + 1, end = edges_.end() - 1;
  return static_cast<int>(std::upper_bound(first, end, value) - first);
}

DenseLabels discretiseRows(const Matrix& values, const BinEdges& edges) {
  const Index n = values.rows(), d = values.cols();
  const auto cols = static_cast<std::size_t>(d);
  std::vector<std::uint16_t> cells(static_cast<std::size_t>(n) * cols);
  std::vector<std::uint64_t> hashes(static_cast<std::size_t>(n));
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, 256), [&](const tbb::blocked_range<Index>& r) {
    for (Index i = r.begin(); i < r.end(); ++i) {
      std::uint16_t* row = cells.data() + static_cast<std::size_t>(i) * cols;
      const double* v = values.data() + static_cast<std::size_t>(i) * cols;  // row-major
      std::uint64_t h = kFnvOffsetBasis;  // FNV-1a over the indices
      for (std::size_t j = 0; j < cols; ++j) {
        row[j] = static_cast<std::uint16_t>(edges.binOf(v[j]));
        h = fnv1aStep(h, row[j]);
      }
      hashes[static_cast<std::size_t>(i)] = h;
    }
  });

  // Sorting by (hash, row content) brings equal rows together; a hash collision costs a memcmp,
  // never a wrong symbol. The row index breaks ties so that the order is fully determined.
  auto rowOf = [&](Index i) { return cells.data() + static_cast<std::size_t>(i) * cols; };
  auto compareRows = [&](Index a, Index b) {
    const auto ha = hashes[static_cast<std::size_t>(a)], hb = hashes[static_cast<std::size_t>(b)];
    if (ha != hb) return ha < hb ? -1 : 1;
    return std::memcmp(rowOf(a), rowOf(b), cols * sizeof(std::uint16_t));
  };
  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index{0});
  tbb::parallel_sort(order.begin(), order.end(), [&](Index a, Index b) {
    const int c = compareRows(a, b);
    return c != 0 ? c < 0 : a < b;
  });

  std::vector<int> runOf(static_cast<std::size_t>(n));
  int runs = 0;
  for (std::size_t p = 0; p < order.size(); ++p) {
    if (p > 0 && compareRows(order[p - 1], order[p]) != 0) ++runs;
    runOf[static_cast<std::size_t>(order[p])] = runs;
  }
  // Renumber by first appearance, as denseLabels() does for labels.
  DenseLabels out;
  out.codes.resize(static_cast<std::size_t>(n));
  std::vector<int> codeOfRun(static_cast<std::size_t>(runs) + 1, -1);
  for (std::size_t i = 0; i < out.codes.size(); ++i) {
    int& code = codeOfRun[static_cast<std::size_t>(runOf[i])];
    if (code < 0) {
      code = static_cast<int>(out.counts.size());
      out.counts.push_back(0);
    }
    out.codes[i] = code;
    ++out.counts[static_cast<std::size_t>(code)];
  }
  return out;
}

}  // namespace miwb
