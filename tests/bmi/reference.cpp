#include "reference.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bmitest {
namespace {

// Rows' quadratic forms v' S^-1 v and ln det S, through an LDL^T factorisation.
Eigen::VectorXd quadraticForms(const Matrix& v, const Eigen::MatrixXd& s, double& logDet) {
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(s);
  logDet = ldlt.vectorD().array().log().sum();
  const Eigen::MatrixXd solved = ldlt.solve(Eigen::MatrixXd(v.transpose()));
  return (Eigen::MatrixXd(v.transpose()).array() * solved.array()).colwise().sum().transpose();
}

}  // namespace

Eigen::VectorXd gaussianLogDensity(const Matrix& v, const Eigen::MatrixXd& covariance) {
  double logDet = 0.0;
  const Eigen::VectorXd q = quadraticForms(v, covariance, logDet);
  const double d = static_cast<double>(v.cols());
  return (-0.5 * q.array() - 0.5 * d * std::log(2.0 * std::numbers::pi) - 0.5 * logDet).matrix();
}

Eigen::VectorXd studentLogDensity(const Matrix& v, const Eigen::MatrixXd& dispersion, double dof) {
  double logDet = 0.0;
  const Eigen::VectorXd q = quadraticForms(v, dispersion, logDet);
  const double d = static_cast<double>(v.cols());
  const double constant =
      std::lgamma(0.5 * (dof + d)) - std::lgamma(0.5 * dof) - 0.5 * d * std::log(dof * std::numbers::pi) - 0.5 * logDet;
  return (constant - 0.5 * (dof + d) * (1.0 + q.array() / dof).log()).matrix();
}

double additiveLogDensityY(double y, double e) {
  const double overlap = std::min(1.0, y + e) - std::max(0.0, y - e);
  return std::log(overlap / (2.0 * e));
}

MeanAndError meanAndError(const Eigen::VectorXd& values) {
  const double n = static_cast<double>(values.size());
  const double mean = values.mean();
  const double variance = (values.array() - mean).square().sum() / (n - 1.0);
  return {mean, std::sqrt(variance / n)};
}

Matrix joined(const Matrix& x, const Matrix& y) {
  Matrix v(x.rows(), x.cols() + y.cols());
  v << x, y;
  return v;
}

double correlation(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::ArrayXd ca = a.array() - a.mean(), cb = b.array() - b.mean();
  return (ca * cb).sum() / std::sqrt(ca.square().sum() * cb.square().sum());
}

double uniformKsDistance(Eigen::VectorXd values) {
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  double worst = 0.0;
  for (Index i = 0; i < values.size(); ++i)
    worst = std::max({worst, std::fabs((i + 1) / n - values(i)), std::fabs(values(i) - i / n)});
  return worst;
}

double phi(double t) { return 0.5 * (1.0 + std::erf(t / std::sqrt(2.0))); }

double mixtureCdf(double x, const std::vector<std::pair<double, double>>& weightAndMean) {
  double sum = 0.0;
  for (auto [w, m] : weightAndMean) sum += w * phi(x - m);
  return sum;
}

Matrix spiralled(const Matrix& m, Index i, Index j) {
  Matrix out = m;
  for (Index r = 0; r < m.rows(); ++r) {
    const double theta = m.row(r).squaredNorm() / static_cast<double>(m.cols());
    Eigen::Matrix2d rotation;
    rotation << std::cos(theta), -std::sin(theta), std::sin(theta), std::cos(theta);
    const Eigen::Vector2d turned = rotation * Eigen::Vector2d(m(r, i), m(r, j));
    out(r, i) = turned(0);
    out(r, j) = turned(1);
  }
  return out;
}

}  // namespace bmitest
