#include "column_preparation.h"

#include <cmath>
#include <random>

namespace miwb::ksg {

miwb::Matrix prepareColumns(miwb::Matrix values, const Options& options, const miwb::RunContext& ctx,
                            std::uint64_t stream) {
  miwb::Matrix out = std::move(values);
  const miwb::Index n = out.rows();
  std::mt19937_64 rng = ctx.rng(stream);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (miwb::Index j = 0; j < out.cols(); ++j) {
    auto column = out.col(j);
    // Exact test for a constant column: a computed std of rounding residue would otherwise blow it up.
    const bool constant = n == 0 || column.minCoeff() == column.maxCoeff();
    double scale = 0.0;  // the column's std after preparation
    if (!constant) {
      const double mean = column.sum() / static_cast<double>(n);
      const double std = std::sqrt((column.array() - mean).square().sum() / static_cast<double>(n));
      if (options.standardize) {
        column = (column.array() - mean) / std;
        scale = 1.0;
      } else {
        scale = std;
      }
    } else if (options.standardize) {
      column.setZero();
    }
    if (options.noise > 0 && !constant)
      for (miwb::Index i = 0; i < n; ++i) column(i) += options.noise * scale * normal(rng);
  }
  return out;
}

}  // namespace miwb::ksg
