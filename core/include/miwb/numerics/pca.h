#pragma once
// Principal components of wide data in bounded memory, for estimators that project first (ksg's
// compression): the covariance from blocked matrix products on centred blocks of rows (never a
// centred copy of the data), the leading eigenvectors by Lanczos iterations (Spectra) when only a few
// of many are wanted, and the projection block by block.
#include <Eigen/Core>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

// Column means and the covariance (1/N) sum_i (x_i - mean)^T (x_i - mean), d x d and symmetric.
// Parallel over blocks of the covariance, each entry summed in a fixed order: the same bits for any
// thread count. Beyond the result, O(threads x block) memory.
void columnCovariance(const Matrix& x, Eigen::RowVectorXd& mean, Eigen::MatrixXd& covariance);

// The principal axes of a covariance: eigenvalues descending (negative rounding clamped to 0) and
// their unit eigenvectors as columns, each with its largest-|.| entry made positive so that the
// result does not depend on the solver's sign. `count` = d gives all of them (a full
// decomposition); fewer come from Spectra's Lanczos solver when that is cheaper (count well below d).
struct PrincipalAxes {
  Eigen::VectorXd variances;
  Eigen::MatrixXd axes;  // d x count
};
Status principalAxes(const Eigen::MatrixXd& covariance, Index count, PrincipalAxes& out);

// (x - mean) axes, N x count, computed block by block of rows.
Matrix projectCentred(const Matrix& x, const Eigen::RowVectorXd& mean, const Eigen::MatrixXd& axes);

}  // namespace miwb
