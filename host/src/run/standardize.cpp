#include "standardize.h"

#include <cmath>

namespace miwb {

bool standardizeColumns(Variable& v) {
  if (!v.hasValues() || v.hasLabels()) return false;
  Matrix values = v.values();
  const double n = static_cast<double>(values.rows());
  for (Index c = 0; c < values.cols(); ++c) {
    auto column = values.col(c);
    const double mean = column.sum() / n;
    column.array() -= mean;
    const double sd = std::sqrt(column.squaredNorm() / n);
    if (sd > 0) column /= sd;
  }
  v = Variable::continuous(std::move(values));
  return true;
}

}  // namespace miwb
