#pragma once
// Multivariate Student-t with dispersion S and nu degrees of freedom: Z / sqrt(W / nu) with
// Z ~ N(0, S) and one W ~ chi2_nu shared by X and Y. I = Gaussian MI of S + h(dx) + h(dy) - h(dx + dy)
// with h(k) = lnG(nu/2) - lnG((nu+k)/2) + k/2 ln(nu pi) + (nu+k)/2 [psi((nu+k)/2) - psi(nu/2)], the
// entropy of a k-dimensional t with identity dispersion (Czyz et al. 2023 correct Arellano-Valle et
// al. 2013 this way).
#include "base_distribution.h"
#include "gaussian_family.h"

namespace miwb::bmi {

double studentEntropyIdentity(double dof, Index k);

class StudentDistribution final : public BaseDistribution {
 public:
  StudentDistribution(Matrix dispersion, Index dx, double dof);
  void draw(Index n, Random& random, Matrix& x, Matrix& y) const override;
  double mutualInformation() const override;
  // H = 1/2 ln det S_side + h(dim): the marginals are t with the same nu.
  std::optional<double> entropy(PairSide side) const override;

 private:
  Matrix dispersion_;
  Index dx_;
  double dof_;
  CorrelatedNormal normal_;
};

}  // namespace miwb::bmi
