#pragma once
// Independent evaluations for the bmi tests: densities written from their textbook forms (not from
// the plugin's MI formulas) and the maps written again from docs/benchmark.md.
#include <Eigen/Dense>

#include "miwb/variable.h"

namespace bmitest {

using miwb::Index;
using miwb::Matrix;

// ln N(v; 0, S) for every row v.
Eigen::VectorXd gaussianLogDensity(const Matrix& v, const Eigen::MatrixXd& covariance);
// ln t_nu(v; 0, S) for every row: lnG((nu+d)/2) - lnG(nu/2) - d/2 ln(nu pi) - 1/2 ln det S
// - (nu+d)/2 ln(1 + v' S^-1 v / nu).
Eigen::VectorXd studentLogDensity(const Matrix& v, const Eigen::MatrixXd& dispersion, double dof);
// ln of the density of Y = X + U(-e, e), X ~ U(0, 1): |[0, 1] and [y - e, y + e]| / 2e.
double additiveLogDensityY(double y, double e);

struct MeanAndError {
  double mean = 0.0;
  double stderr_ = 0.0;
};
MeanAndError meanAndError(const Eigen::VectorXd& values);

Matrix joined(const Matrix& x, const Matrix& y);
// Pearson correlation of two columns.
double correlation(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
// Kolmogorov-Smirnov distance of a sample from U(0, 1).
double uniformKsDistance(Eigen::VectorXd values);

double phi(double t);
double mixtureCdf(double x, const std::vector<std::pair<double, double>>& weightAndMean);
// The spiral of docs/benchmark.md: rotate the plane of coordinates (i, j) by |v|^2 / dims, written with a
// rotation matrix.
Matrix spiralled(const Matrix& m, Index i, Index j);

}  // namespace bmitest
