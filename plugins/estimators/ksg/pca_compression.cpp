#include "pca_compression.h"

#include "miwb/numerics/pca.h"

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

Status compressColumns(const miwb::Matrix& values, const Options& options, miwb::Matrix& out) {
  const miwb::Index d = values.cols(), n = values.rows();
  if (options.compress == Compress::None || n == 0 ||
      (options.compress == Compress::Components && d <= options.components)) {
    out = values;
    return Status::ok();
  }
  Eigen::RowVectorXd mean;
  Eigen::MatrixXd covariance;
  miwb::columnCovariance(values, mean, covariance);
  // A fixed number of components needs only the leading axes; a share of the variance needs every
  // eigenvalue to know where it is reached.
  miwb::PrincipalAxes axes;
  const bool fixed = options.compress == Compress::Components;
  MIWB_TRY(miwb::principalAxes(covariance, fixed ? static_cast<miwb::Index>(options.components) : d, axes));
  const miwb::Index kept = fixed ? axes.variances.size() : componentsForShare(axes.variances, options.varianceShare);
  out = miwb::projectCentred(values, mean, axes.axes.leftCols(kept));
  return Status::ok();
}

}  // namespace miwb::ksg
