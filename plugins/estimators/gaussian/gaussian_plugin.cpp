#include "gaussian_plugin.h"

#include <Eigen/Cholesky>
#include <cmath>

namespace {

using miwb::Index;
using miwb::Matrix;

// Values as a matrix; labels become one numeric column.
Matrix asMatrix(const miwb::Variable& v) {
  if (v.hasValues()) return v.values();
  Matrix m(v.samples(), 1);
  for (Index i = 0; i < m.rows(); ++i) m(i, 0) = static_cast<double>(v.labels()[static_cast<std::size_t>(i)]);
  return m;
}

// ln det of a symmetric positive definite matrix via Cholesky; false if not positive definite.
bool logDet(const Eigen::MatrixXd& s, double& out) {
  Eigen::LLT<Eigen::MatrixXd> llt(s);
  if (llt.info() != Eigen::Success) return false;
  out = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
  return true;
}

class GaussianEstimator final : public miwb::Estimator {
 public:
  explicit GaussianEstimator(double ridge) : ridge_(ridge) {}

  miwb::Status mutualInformation(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext&,
                                 miwb::Estimate& out) const override {
    const Matrix mx = asMatrix(x), my = asMatrix(y);
    const Index n = mx.rows(), dx = mx.cols(), dy = my.cols();
    if (n < 2) return miwb::Status::invalidInput("the Gaussian estimator needs at least 2 samples");
    Eigen::MatrixXd joint(n, dx + dy);
    joint << mx, my;
    const Eigen::RowVectorXd mean = joint.colwise().mean();
    const Eigen::MatrixXd centred = joint.rowwise() - mean;
    Eigen::MatrixXd cov = (centred.transpose() * centred) / static_cast<double>(n - 1);
    const double scale = std::max(cov.diagonal().mean(), 1e-300);
    cov.diagonal().array() += ridge_ * scale;
    double ldJoint = 0, ldX = 0, ldY = 0;
    if (!logDet(cov, ldJoint) || !logDet(cov.topLeftCorner(dx, dx), ldX) ||
        !logDet(cov.bottomRightCorner(dy, dy), ldY))
      return miwb::Status::numericalIssue("the sample covariance is singular; raise 'ridge'");
    out.valueNats = 0.5 * (ldX + ldY - ldJoint);
    return miwb::Status::ok();
  }

 private:
  double ridge_;
};

}  // namespace

miwb::Status GaussianEstimatorPlugin::create(const std::string&, const miwb::Json& params,
                                             std::unique_ptr<miwb::Estimator>& out) const {
  out = std::make_unique<GaussianEstimator>(params.at("ridge").get<double>());
  return miwb::Status::ok();
}
