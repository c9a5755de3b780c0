#include "gaussian_family.h"

#include <Eigen/Cholesky>
#include <cmath>
#include <numbers>

namespace miwb::bmi {

Matrix denseCorrelation(Index dx, Index dy, double rho) {
  const Index d = dx + dy;
  Matrix m = Matrix::Constant(d, d, rho);
  m.diagonal().setOnes();
  return m;
}

Matrix sparseCorrelation(Index dx, Index dy, Index pairs, double strength) {
  const double shared = strength * strength;
  Matrix m = Matrix::Identity(dx + dy, dx + dy);
  for (Index i = 0; i < pairs; ++i) m(i, dx + i) = m(dx + i, i) = shared / (1.0 + shared);
  return m;
}

double logDeterminant(const Matrix& m) {
  const Eigen::LLT<Eigen::MatrixXd> llt(m);
  const Eigen::MatrixXd& l = llt.matrixL();
  return 2.0 * l.diagonal().array().log().sum();
}

double gaussianMutualInformation(const Matrix& joint, Index dx) {
  const Index dy = joint.rows() - dx;
  return 0.5 * (logDeterminant(joint.topLeftCorner(dx, dx)) + logDeterminant(joint.bottomRightCorner(dy, dy)) -
                logDeterminant(joint));
}

CorrelatedNormal::CorrelatedNormal(const Matrix& covariance) {
  const Eigen::LLT<Eigen::MatrixXd> llt(covariance);
  factor_ = llt.matrixL();
}

Matrix CorrelatedNormal::draw(Index n, Random& random) const {
  const Index d = dims();
  Matrix z(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) z(i, j) = random.normal();
  return z * factor_.transpose();
}

GaussianDistribution::GaussianDistribution(Matrix joint, Index dx)
    : joint_(std::move(joint)), dx_(dx), normal_(joint_) {}

void GaussianDistribution::draw(Index n, Random& random, Matrix& x, Matrix& y) const {
  const Matrix v = normal_.draw(n, random);
  x = v.leftCols(dx_);
  y = v.rightCols(v.cols() - dx_);
}

double GaussianDistribution::mutualInformation() const { return gaussianMutualInformation(joint_, dx_); }

std::optional<double> GaussianDistribution::entropy(PairSide side) const {
  const Index dy = joint_.rows() - dx_;
  const Matrix block =
      side == PairSide::X ? Matrix(joint_.topLeftCorner(dx_, dx_)) : Matrix(joint_.bottomRightCorner(dy, dy));
  return 0.5 * (static_cast<double>(block.rows()) * std::log(2.0 * std::numbers::pi * std::numbers::e) +
                logDeterminant(block));
}

}  // namespace miwb::bmi
