#include "miwb/numerics/pca.h"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <Spectra/MatOp/DenseSymMatProd.h>
#include <Spectra/SymEigsSolver.h>
#include <algorithm>
#include <utility>
#include <vector>

#include "miwb/numerics/gemm.h"

namespace miwb {
namespace {

constexpr Index kColumnBlock = 256;  // covariance tiles: a task's gathered blocks stay in L2
constexpr Index kRowBlock = 512;

// Rows [r0, r1) of columns [c0, c1), minus the columns' means, into `block` (row-major).
void gatherCentred(const Matrix& x, const Eigen::RowVectorXd& mean, Index r0, Index r1, Index c0, Index c1,
                   Matrix& block) {
  block = x.block(r0, c0, r1 - r0, c1 - c0).rowwise() - mean.segment(c0, c1 - c0);
}

// Descending order and the sign convention of PrincipalAxes.
void normalise(Eigen::VectorXd values, Eigen::MatrixXd vectors, bool ascending, PrincipalAxes& out) {
  if (ascending) {
    values.reverseInPlace();
    vectors.rowwise().reverseInPlace();
  }
  out.variances = values.cwiseMax(0.0);
  for (Index c = 0; c < vectors.cols(); ++c) {
    Index largest = 0;
    vectors.col(c).cwiseAbs().maxCoeff(&largest);
    if (vectors(largest, c) < 0) vectors.col(c) = -vectors.col(c);
  }
  out.axes = std::move(vectors);
}

}  // namespace

void columnCovariance(const Matrix& x, Eigen::RowVectorXd& mean, Eigen::MatrixXd& covariance) {
  const Index n = x.rows(), d = x.cols();
  mean = n > 0 ? Eigen::RowVectorXd(x.colwise().mean()) : Eigen::RowVectorXd::Zero(d);
  covariance.setZero(d, d);
  if (n == 0) return;
  std::vector<std::pair<Index, Index>> tiles;  // column blocks I <= J
  const Index blocks = (d + kColumnBlock - 1) / kColumnBlock;
  for (Index a = 0; a < blocks; ++a)
    for (Index b = a; b < blocks; ++b) tiles.emplace_back(a, b);
  tbb::parallel_for(std::size_t(0), tiles.size(), [&](std::size_t k) {
    const auto [a, b] = tiles[k];
    const Index a0 = a * kColumnBlock, a1 = std::min(d, a0 + kColumnBlock);
    const Index b0 = b * kColumnBlock, b1 = std::min(d, b0 + kColumnBlock);
    Matrix left, right, sum = Matrix::Zero(a1 - a0, b1 - b0);
    for (Index r0 = 0; r0 < n; r0 += kRowBlock) {
      const Index r1 = std::min(n, r0 + kRowBlock);
      gatherCentred(x, mean, r0, r1, a0, a1, left);
      if (a != b) gatherCentred(x, mean, r0, r1, b0, b1, right);
      const Matrix& other = a != b ? right : left;
      addTransposedProduct(left.data(), left.cols(), other.data(), other.cols(), r1 - r0, a1 - a0, b1 - b0,
                           sum.data(), sum.cols());
    }
    sum /= static_cast<double>(n);
    covariance.block(a0, b0, a1 - a0, b1 - b0) = sum;
    if (a != b) covariance.block(b0, a0, b1 - b0, a1 - a0) = sum.transpose();
  });
  // Diagonal tiles come out symmetric only up to rounding; one triangle makes them exactly so.
  covariance.triangularView<Eigen::StrictlyLower>() = covariance.transpose();
}

Status principalAxes(const Eigen::MatrixXd& covariance, Index count, PrincipalAxes& out) {
  const Index d = covariance.rows();
  count = std::clamp<Index>(count, 0, d);
  // Lanczos pays when few of many axes are wanted; with ncv = 2 count + 20 basis vectors it needs
  // count well below d, and small matrices decompose in full in no time.
  if (d > 64 && 4 * count < d) {
    Spectra::DenseSymMatProd<double> product(covariance);
    const Index ncv = std::min(d, 2 * count + 20);
    Spectra::SymEigsSolver<Spectra::DenseSymMatProd<double>> solver(product, count, ncv);
    solver.init();
    solver.compute(Spectra::SortRule::LargestAlge, 1000, 1e-12);
    if (solver.info() == Spectra::CompInfo::Successful) {
      normalise(solver.eigenvalues(), solver.eigenvectors(), false, out);
      return Status::ok();
    }
    // Not converged (e.g. many equal eigenvalues): the full decomposition below is always right.
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  if (solver.info() != Eigen::Success) return Status::failed("the covariance's eigen-decomposition did not converge");
  normalise(solver.eigenvalues(), solver.eigenvectors(), true, out);
  out.variances.conservativeResize(count);
  out.axes.conservativeResize(Eigen::NoChange, count);
  return Status::ok();
}

Matrix projectCentred(const Matrix& x, const Eigen::RowVectorXd& mean, const Eigen::MatrixXd& axes) {
  const Index n = x.rows();
  Matrix out(n, axes.cols());
  // Fixed blocks (not the scheduler's ranges): the product's blocking, hence its bits, depends on the
  // block's shape.
  tbb::parallel_for(Index{0}, (n + kRowBlock - 1) / kRowBlock, [&](Index b) {
    const Index r0 = b * kRowBlock, r1 = std::min(n, r0 + kRowBlock);
    Matrix block;
    gatherCentred(x, mean, r0, r1, 0, x.cols(), block);
    out.middleRows(r0, r1 - r0).noalias() = block * axes;
  });
  return out;
}

}  // namespace miwb
