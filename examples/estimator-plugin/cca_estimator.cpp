#include "cca_estimator.h"

#include <Eigen/Cholesky>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>

namespace miwb::cca {

namespace {

// Values as a matrix; labels become one numeric column.
Matrix asMatrix(const Variable& v) {
  if (v.hasValues()) return v.values();
  Matrix m(v.samples(), 1);
  for (Index i = 0; i < m.rows(); ++i) m(i, 0) = static_cast<double>(v.labels()[static_cast<std::size_t>(i)]);
  return m;
}

// Cholesky factor of a covariance block with `ridge` x its mean variance added to each variance.
bool choleskyFactor(Eigen::MatrixXd block, double ridge, Eigen::MatrixXd& lower) {
  block.diagonal().array() += ridge * std::max(block.diagonal().mean(), 1e-300);
  Eigen::LLT<Eigen::MatrixXd> llt(block);
  if (llt.info() != Eigen::Success) return false;
  lower = llt.matrixL();
  return true;
}

}  // namespace

Status CcaEstimator::mutualInformation(const Variable& x, const Variable& y, RunContext&, Estimate& out) const {
  const Matrix mx = asMatrix(x), my = asMatrix(y);
  const Index n = mx.rows(), dx = mx.cols();
  if (n < 2) return Status::invalidInput("cca needs at least 2 samples");
  Matrix joint(n, dx + my.cols());
  joint << mx, my;
  const Matrix centred = joint.rowwise() - joint.colwise().mean();
  const Eigen::MatrixXd cov = centred.transpose() * centred / static_cast<double>(n - 1);

  Eigen::MatrixXd lx, ly;
  if (!choleskyFactor(cov.topLeftCorner(dx, dx), ridge_, lx) ||
      !choleskyFactor(cov.bottomRightCorner(my.cols(), my.cols()), ridge_, ly))
    return Status::numericalIssue("cca: the covariance of X or Y is singular (a constant or collinear column); "
                                  "raise parameter 'ridge'");
  // Whitened cross-covariance Lx^-1 Sxy Ly^-T: its singular values are the canonical correlations.
  const Eigen::MatrixXd sxy = cov.topRightCorner(dx, my.cols());
  const Eigen::MatrixXd left = lx.triangularView<Eigen::Lower>().solve(sxy);
  const Eigen::MatrixXd whitened = ly.triangularView<Eigen::Lower>().solve(left.transpose()).transpose();
  const Eigen::VectorXd r = Eigen::JacobiSVD<Eigen::MatrixXd>(whitened).singularValues();

  double mi = 0.0;
  Json correlations = Json::array();
  for (Index i = 0; i < r.size(); ++i) {
    // Rounding can put a perfect correlation a hair above 1; the MI is then infinite, not NaN.
    const double ri = std::min(r(i), 1.0);
    if (ri >= 1.0) return Status::numericalIssue("cca: X and Y are perfectly correlated, the MI is infinite");
    mi += -0.5 * std::log1p(-ri * ri);
    correlations.push_back(ri);
  }
  out.valueNats = mi;
  out.details["canonical_correlations"] = correlations;
  return Status::ok();
}

}  // namespace miwb::cca
