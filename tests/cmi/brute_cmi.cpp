#include "brute_cmi.h"

#include <Eigen/LU>
#include <cmath>

#include "../ksg/brute_force.h"
#include "miwb/numerics/special.h"

namespace brute {

using miwb::Index;
using miwb::Matrix;

namespace {

Matrix columns(const Matrix& a, const Matrix& b) {
  Matrix m(a.rows(), a.cols() + b.cols());
  m << a, b;
  return m;
}

double logDetOfCovariance(const Matrix& m) {
  const Index n = m.rows();
  Eigen::MatrixXd centred = m;
  for (Index j = 0; j < m.cols(); ++j) {
    double mean = 0;
    for (Index i = 0; i < n; ++i) mean += m(i, j);
    centred.col(j).array() -= mean / static_cast<double>(n);
  }
  const Eigen::MatrixXd cov = centred.transpose() * centred / static_cast<double>(n - 1);
  return std::log(cov.fullPivLu().determinant());
}

}  // namespace

double frenzelPompe(const Matrix& x, const Matrix& y, const Matrix& z, int k) {
  const Index n = x.rows();
  const Matrix joint = columns(columns(x, y), z), xz = columns(x, z), yz = columns(y, z);
  double sum = 0;
  for (Index i = 0; i < n; ++i) {
    const double eps = nearest(joint, i, k).back().first;
    Index nxz = 0, nyz = 0, nz = 0;
    for (Index j = 0; j < n; ++j) {
      if (j == i) continue;
      if (distance(xz, i, j) < eps) ++nxz;
      if (distance(yz, i, j) < eps) ++nyz;
      if (distance(z, i, j) < eps) ++nz;
    }
    sum += miwb::digamma(k) - miwb::digamma(static_cast<double>(nxz + 1)) -
           miwb::digamma(static_cast<double>(nyz + 1)) + miwb::digamma(static_cast<double>(nz + 1));
  }
  return sum / static_cast<double>(n);
}

double gaussianCmi(const Matrix& x, const Matrix& y, const Matrix& z) {
  return 0.5 * (logDetOfCovariance(columns(x, z)) + logDetOfCovariance(columns(y, z)) - logDetOfCovariance(z) -
                logDetOfCovariance(columns(columns(x, y), z)));
}

}  // namespace brute
