#include "gaussian_plugin.h"

#include <Eigen/Cholesky>
#include <cmath>

#include "miwb/param_reader.h"

namespace miwb::gaussian {

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

// The sample covariance (divisor n - 1) with `ridge` x the mean variance added to each variance.
Eigen::MatrixXd ridgedCovariance(const Matrix& m, double ridge) {
  const Eigen::RowVectorXd mean = m.colwise().mean();
  const Eigen::MatrixXd centred = m.rowwise() - mean;
  Eigen::MatrixXd cov = (centred.transpose() * centred) / static_cast<double>(m.rows() - 1);
  const double scale = std::max(cov.diagonal().mean(), 1e-300);
  cov.diagonal().array() += ridge * scale;
  return cov;
}

miwb::Status singular() { return miwb::Status::numericalIssue("the sample covariance is singular; raise 'ridge'"); }

class GaussianEstimator final : public miwb::Estimator {
 public:
  explicit GaussianEstimator(double ridge) : ridge_(ridge) {}

  miwb::Status mutualInformation(const miwb::Variable& x, const miwb::Variable& y, miwb::RunContext&,
                                 miwb::Estimate& out) const override {
    const Matrix mx = asMatrix(x), my = asMatrix(y);
    const Index n = mx.rows(), dx = mx.cols(), dy = my.cols();
    if (n < 2) return miwb::Status::invalidInput("the Gaussian estimator needs at least 2 samples");
    Matrix joint(n, dx + dy);
    joint << mx, my;
    const Eigen::MatrixXd cov = ridgedCovariance(joint, ridge_);
    double ldJoint = 0, ldX = 0, ldY = 0;
    if (!logDet(cov, ldJoint) || !logDet(cov.topLeftCorner(dx, dx), ldX) ||
        !logDet(cov.bottomRightCorner(dy, dy), ldY))
      return singular();
    out.valueNats = 0.5 * (ldX + ldY - ldJoint);
    // Under independence 2 N I is asymptotically chi-square with dx dy degrees of freedom (Wilks).
    out.details["chi2_dof"] = dx * dy;
    return miwb::Status::ok();
  }

  // I(X;Y|Z) = 1/2 [ln det S_xz + ln det S_yz - ln det S_z - ln det S_xyz] from the sample covariance
  // of (X, Z, Y), ridged as the MI's is (relative to the mean variance of all its columns). In that
  // column order S_xz, S_z and S_zy are contiguous blocks.
  miwb::Status conditionalMutualInformation(const miwb::Variable& x, const miwb::Variable& y, const miwb::Variable& z,
                                            miwb::RunContext&, miwb::Estimate& out) const override {
    const Matrix mx = asMatrix(x), my = asMatrix(y), mz = asMatrix(z);
    const Index n = mx.rows(), dx = mx.cols(), dy = my.cols(), dz = mz.cols();
    if (n < 2) return miwb::Status::invalidInput("the Gaussian estimator needs at least 2 samples");
    Matrix joint(n, dx + dz + dy);
    joint << mx, mz, my;
    const Eigen::MatrixXd cov = ridgedCovariance(joint, ridge_);
    double ldJoint = 0, ldXz = 0, ldZy = 0, ldZ = 0;
    if (!logDet(cov, ldJoint) || !logDet(cov.topLeftCorner(dx + dz, dx + dz), ldXz) ||
        !logDet(cov.bottomRightCorner(dz + dy, dz + dy), ldZy) || !logDet(cov.block(dx, dx, dz, dz), ldZ))
      return singular();
    out.valueNats = 0.5 * (ldXz + ldZy - ldZ - ldJoint);
    // Under conditional independence 2 N I is asymptotically chi-square with dx dy degrees of freedom.
    out.details["chi2_dof"] = dx * dy;
    return miwb::Status::ok();
  }

  // H = 1/2 ln det(2 pi e S): the differential entropy of the Gaussian with the sample covariance.
  miwb::Status entropy(const miwb::Variable& x, miwb::RunContext&, miwb::Estimate& out) const override {
    const Matrix m = asMatrix(x);
    if (m.rows() < 2) return miwb::Status::invalidInput("the Gaussian estimator needs at least 2 samples");
    double ld = 0;
    if (!logDet(ridgedCovariance(m, ridge_), ld)) return singular();
    out.valueNats = 0.5 * (static_cast<double>(m.cols()) * std::log(2.0 * M_PI * M_E) + ld);
    return miwb::Status::ok();
  }

 private:
  double ridge_;
};

}  // namespace

miwb::Status GaussianEstimatorPlugin::create(const std::string& estimatorId, const miwb::Json& params,
                                             std::unique_ptr<miwb::Estimator>& out) const {
  miwb::ParamReader read(params, estimatorId);
  const double ridge = read.get<double>("ridge");
  MIWB_TRY(read.status());
  out = std::make_unique<GaussianEstimator>(ridge);
  return miwb::Status::ok();
}

}  // namespace miwb::gaussian
