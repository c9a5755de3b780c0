#include "column_preparation.h"

#include <cmath>

#include "miwb/random.h"

namespace miwb::ksg {

miwb::Matrix prepareColumns(miwb::Matrix values, const Options& options, const miwb::RunContext& ctx,
                            std::uint64_t stream) {
  miwb::Matrix out = std::move(values);
  const miwb::Index n = out.rows();
  miwb::Random rng = ctx.random(stream);
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
      for (miwb::Index i = 0; i < n; ++i) column(i) += options.noise * scale * rng.normal();
  }
  return out;
}

}  // namespace miwb::ksg
