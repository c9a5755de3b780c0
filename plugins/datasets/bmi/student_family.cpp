#include "student_family.h"

#include <cmath>
#include <numbers>

#include "miwb/numerics/special.h"

namespace miwb::bmi {

double studentEntropyIdentity(double dof, Index k) {
  const double kk = static_cast<double>(k);
  const double half = 0.5 * dof, halfPlus = 0.5 * (dof + kk);
  return std::lgamma(half) - std::lgamma(halfPlus) + 0.5 * kk * std::log(dof * std::numbers::pi) +
         halfPlus * (digamma(halfPlus) - digamma(half));
}

StudentDistribution::StudentDistribution(Matrix dispersion, Index dx, double dof)
    : dispersion_(std::move(dispersion)), dx_(dx), dof_(dof), normal_(dispersion_) {}

void StudentDistribution::draw(Index n, Random& random, Matrix& x, Matrix& y) const {
  Matrix v = normal_.draw(n, random);
  for (Index i = 0; i < n; ++i) v.row(i) /= std::sqrt(random.chiSquare(dof_) / dof_);
  x = v.leftCols(dx_);
  y = v.rightCols(v.cols() - dx_);
}

double StudentDistribution::mutualInformation() const {
  const Index dy = dispersion_.rows() - dx_;
  return gaussianMutualInformation(dispersion_, dx_) + studentEntropyIdentity(dof_, dx_) +
         studentEntropyIdentity(dof_, dy) - studentEntropyIdentity(dof_, dx_ + dy);
}

std::optional<double> StudentDistribution::entropy(PairSide side) const {
  const Index dy = dispersion_.rows() - dx_;
  if (side == PairSide::X)
    return 0.5 * logDeterminant(dispersion_.topLeftCorner(dx_, dx_)) + studentEntropyIdentity(dof_, dx_);
  return 0.5 * logDeterminant(dispersion_.bottomRightCorner(dy, dy)) + studentEntropyIdentity(dof_, dy);
}

}  // namespace miwb::bmi
