#pragma once
// The Gaussian families: a joint (dx + dy) correlation matrix, dense or sparse, sampled through its
// Cholesky factor. I = 1/2 [ln det Sxx + ln det Syy - ln det S].
#include "base_distribution.h"

namespace miwb::bmi {

// Every off-diagonal entry rho (within X, within Y and across).
Matrix denseCorrelation(Index dx, Index dy, double rho);

// bmi's sparse latent model rescaled to a correlation matrix: X_i and Y_i (i < pairs) share a latent of
// weight `strength`, every other coordinate has an extra own noise of that weight, so every variance
// is 1 + strength^2 and corr(X_i, Y_i) = strength^2 / (1 + strength^2); all else is 0.
Matrix sparseCorrelation(Index dx, Index dy, Index pairs, double strength);

// ln det of a symmetric positive definite matrix (through its Cholesky factor).
double logDeterminant(const Matrix& m);

// 1/2 [ln det Sxx + ln det Syy - ln det S] for a joint matrix whose first dx coordinates are X.
double gaussianMutualInformation(const Matrix& joint, Index dx);

// Draws rows of N(0, S): z ~ N(0, I), v = L z with S = L L^T.
class CorrelatedNormal {
 public:
  explicit CorrelatedNormal(const Matrix& covariance);
  Index dims() const { return factor_.rows(); }
  // n rows, each from dims() standard normals drawn in order.
  Matrix draw(Index n, Random& random) const;

 private:
  Matrix factor_;  // lower triangular
};

class GaussianDistribution final : public BaseDistribution {
 public:
  GaussianDistribution(Matrix joint, Index dx);
  void draw(Index n, Random& random, Matrix& x, Matrix& y) const override;
  double mutualInformation() const override;
  std::optional<double> entropy(PairSide side) const override;
  bool hasStandardNormalMarginals() const override { return true; }

 private:
  Matrix joint_;
  Index dx_;
  CorrelatedNormal normal_;
};

}  // namespace miwb::bmi
