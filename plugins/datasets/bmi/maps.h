#pragma once
// The maps of the bmi benchmark (Czyz et al. 2023), applied to a drawn sample. Each is invertible on
// its own side, so a transformed task keeps its base task's MI.
#include <utility>
#include <vector>

#include "miwb/variable.h"

namespace miwb::bmi {

double normalCdf(double t);
double halfCube(double t);  // t sqrt|t|
double wigglyX(double t);   // t + 0.4 sin t + 0.2 sin(1.7t + 1) + 0.03 sin(3.3t - 2.5)
double wigglyY(double t);   // t - 0.4 sin(0.4t) + 0.17 sin(1.3t + 3.5) + 0.02 sin(4.3t - 2.5)

// A mixture of unit-variance normals. The bimodal map sends t to the mixture quantile of Phi(t).
class NormalMixture {
 public:
  struct Component {
    double weight, mean;
  };
  explicit NormalMixture(std::vector<Component> components);
  static NormalMixture bimodalX();  // 0.3 N(0, 1) + 0.7 N(5, 1)
  static NormalMixture bimodalY();  // 0.5 N(-1, 1) + 0.5 N(3, 1)

  double cdf(double x) const;
  // The x with cdf(x) = Phi(t), found without forming Phi(t) near 1 (where it rounds).
  double quantileOfNormal(double t) const;

 private:
  // Solves sum w_i Phi(x - m_i) = Phi(t) for t <= 0, where the lower tail is accurate.
  double solveLowerTail(double t) const;
  NormalMixture mirrored() const;
  std::vector<Component> components_;
};

// Rotates coordinates (i, j) of every row v by theta = |v|^2 / dims: a volume-preserving spiral
// (|v| is unchanged, so the map inverts by turning back).
void spiral(Matrix& m, Index i, Index j);

// 1-D x to the swiss roll: u = Phi(x), t = 1.5 pi (1 + 2u), (t cos t, t sin t) / 21.
Matrix swissRoll(const Matrix& x);

}  // namespace miwb::bmi
