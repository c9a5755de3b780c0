#pragma once
// A random variable observed on N samples: a continuous N x d matrix, a vector of N discrete labels,
// or both (the inputs of a finite data set are values, and each distinct input is also a symbol).
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "miwb/status.h"

namespace miwb {

// Rows are samples; row-major so that one sample is contiguous for neighbour searches.
using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Index = Eigen::Index;
using Labels = std::vector<std::int64_t>;

class Variable {
 public:
  Variable() = default;
  static Variable continuous(Matrix values);
  static Variable discrete(Labels labels);
  // Values together with a symbol per row: equal rows get equal labels (numbered by first appearance).
  static Variable withRowSymbols(Matrix values);

  bool hasValues() const { return hasValues_; }
  bool hasLabels() const { return !labels_.empty(); }
  bool isDiscreteOnly() const { return hasLabels() && !hasValues(); }

  Index samples() const;
  Index dims() const { return hasValues() ? values_.cols() : 1; }
  const Matrix& values() const { return values_; }
  const Labels& labels() const { return labels_; }

  // The rows given by `rows`, in that order, with values and labels alike.
  Variable subset(const std::vector<Index>& rows) const;

  // Checks that values are finite; `name` is used in the message ("x has NaN at row 3, column 2").
  Status validate(const std::string& name) const;

 private:
  Matrix values_;
  Labels labels_;
  bool hasValues_ = false;
};

// Number of distinct labels and each sample's label renumbered to 0..K-1 (by first appearance).
struct DenseLabels {
  std::vector<int> codes;
  std::vector<Index> counts;
};
DenseLabels denseLabels(const Labels& labels);

}  // namespace miwb
