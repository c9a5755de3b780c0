#include "pca_compression.h"

#include <Eigen/Eigenvalues>
#include <algorithm>

namespace miwb::ksg {
namespace {

// The number of leading components whose eigenvalues (descending) reach `share` of their total.
// The running sum is compared with the total summed in the same order, so share = 1 keeps all.
miwb::Index componentsForShare(const Eigen::VectorXd& descending, double share) {
  const double total = descending.sum();
  double sum = 0.0;
  for (miwb::Index m = 0; m < descending.size(); ++m) {
    sum += descending(m);
    if (sum >= share * total) return m + 1;
  }
  return descending.size();
}

}  // namespace

miwb::Status compressColumns(const miwb::Matrix& values, const Options& options, const std::string& name,
                             miwb::Matrix& out) {
  const miwb::Index d = values.cols(), n = values.rows();
  if (options.compress == Compress::None || n == 0 ||
      (options.compress == Compress::Components && d <= options.components)) {
    out = values;
    return miwb::Status::ok();
  }

  const Eigen::RowVectorXd mean = values.colwise().mean();
  const miwb::Matrix centred = values.rowwise() - mean;
  const Eigen::MatrixXd covariance = (centred.transpose() * centred) / static_cast<double>(n);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  if (solver.info() != Eigen::Success)
    return miwb::Status::numericalIssue("the principal components of " + name +
                                        " did not converge (are all its values finite?)");
  // The solver sorts ascending; rounding can leave tiny negative eigenvalues, which count as 0.
  const Eigen::VectorXd descending = solver.eigenvalues().reverse().cwiseMax(0.0);
  const miwb::Index kept = options.compress == Compress::Components
                               ? static_cast<miwb::Index>(options.components)
                               : componentsForShare(descending, options.varianceShare);

  Eigen::MatrixXd basis = solver.eigenvectors().rowwise().reverse().leftCols(kept);
  for (miwb::Index c = 0; c < kept; ++c) {
    miwb::Index largest = 0;
    basis.col(c).cwiseAbs().maxCoeff(&largest);
    if (basis(largest, c) < 0) basis.col(c) = -basis.col(c);
  }
  out = centred * basis;
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
