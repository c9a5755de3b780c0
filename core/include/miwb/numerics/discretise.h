#pragma once
// Discretisation of continuous variables for plug-in (binning) estimators: each value goes to a bin,
// and each sample's row of bin indices becomes one symbol.
#include <vector>

#include "miwb/variable.h"

namespace miwb {

// Bin edges e_0 <= e_1 <= ... <= e_B. Bin k holds [e_k, e_{k+1}); values below e_0 go to the first
// bin and values at or above e_B to the last (clamping, as a histogram over a fixed range should).
class BinEdges {
 public:
  // B equal-width intervals over [lo, hi]. lo == hi (constant data) puts every value in bin 0.
  static BinEdges uniform(double lo, double hi, int bins);
  // Entropy-based binning of Chelombiev et al. (2019): pool all values of `values`, take the M sorted
  // unique values u_0 < ... < u_{M-1} and put e_k = u_{floor(k M / B)} for k < B, e_B = u_{M-1}, so
  // bin k holds floor((k+1) M / B) - floor(k M / B) unique values. With M < B some bins stay empty.
  static BinEdges adaptive(const Matrix& values, int bins);
  // [min, max] over all values of `values`.
  static void dataRange(const Matrix& values, double& lo, double& hi);

  int bins() const { return static_cast<int>(edges_.size()) - 1; }
  const std::vector<double>& edges() const { return edges_; }
  int binOf(double value) const;

 private:
  std::vector<double> edges_;
  bool uniform_ = true;
  double lo_ = 0.0, scale_ = 0.0;  // uniform: bin = floor((value - lo) * scale)
};

// One symbol per row: rows whose values fall in the same bin in every column share a symbol.
// Symbols are numbered 0..K-1 by first appearance; counts[k] is how many rows have symbol k.
// Rows are hashed and sorted (not compared pairwise), so N = 1e5 rows of a few hundred units is fast.
// At most 65536 bins (indices are stored as 16 bits to keep N x d indices small).
DenseLabels discretiseRows(const Matrix& values, const BinEdges& edges);

}  // namespace miwb
