// Principal components in bounded memory (numerics/pca.h) against the textbook computation: the
// centred copy, its covariance by one product, and Eigen's full eigen-decomposition. Sizes make the
// blocks cut rows (1100 rows: 512-row blocks) and columns (300 columns: 256-column tiles), and the
// Lanczos path is taken (5 of 300 axes).
#include <QtTest>
#include <tbb/task_arena.h>

#include <Eigen/Eigenvalues>

#include "miwb/numerics/pca.h"
#include "support/random_matrices.h"

using miwb::Index;
using miwb::Matrix;

namespace {

// Columns with distinct variances (a clear spectrum) and a far-off mean.
Matrix spreadColumns(Index n, Index d) {
  Matrix x = miwb::testing::normalMatrix(n, d, 17);
  for (Index j = 0; j < d; ++j) x.col(j) *= 1.0 + 3.0 * std::exp(-0.1 * static_cast<double>(j));
  x.col(0) += 0.8 * x.col(1);  // correlated, so the axes are not the coordinate axes
  x.array() += 50.0;
  return x;
}

}  // namespace

class TestPca : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void covarianceMatchesCentredProduct() {
    const Matrix x = spreadColumns(1100, 300);
    Eigen::RowVectorXd mean;
    Eigen::MatrixXd cov;
    miwb::columnCovariance(x, mean, cov);
    const Matrix centred = x.rowwise() - x.colwise().mean();
    const Eigen::MatrixXd direct = centred.transpose() * centred / 1100.0;
    QVERIFY((cov - direct).cwiseAbs().maxCoeff() < 1e-12 * direct.cwiseAbs().maxCoeff());
    QVERIFY(cov == cov.transpose());
    Eigen::RowVectorXd mean2;
    Eigen::MatrixXd cov2;
    tbb::task_arena(1).execute([&] { miwb::columnCovariance(x, mean2, cov2); });
    QVERIFY(cov2 == cov);  // the same bits for any thread count
  }

  // The leading 5 of 300 axes (Lanczos) and all of 40 (full) against Eigen's solver.
  void axesMatchFullDecomposition_data() {
    QTest::addColumn<int>("dims");
    QTest::addColumn<int>("count");
    QTest::newRow("lanczos 5 of 300") << 300 << 5;
    QTest::newRow("full 40 of 40") << 40 << 40;
  }
  void axesMatchFullDecomposition() {
    QFETCH(int, dims);
    QFETCH(int, count);
    const Matrix x = spreadColumns(1100, dims);
    Eigen::RowVectorXd mean;
    Eigen::MatrixXd cov;
    miwb::columnCovariance(x, mean, cov);
    miwb::PrincipalAxes axes;
    QVERIFY(miwb::principalAxes(cov, count, axes).isOk());
    QCOMPARE(axes.axes.cols(), Index{count});
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> full(cov);
    for (Index c = 0; c < count; ++c) {
      const double expected = full.eigenvalues()(dims - 1 - c);
      QVERIFY(std::abs(axes.variances(c) - expected) < 1e-10 * full.eigenvalues().maxCoeff());
      if (c + 1 < count && expected - full.eigenvalues()(dims - 2 - c) < 1e-6) continue;  // degenerate
      const double alignment = std::abs(axes.axes.col(c).dot(full.eigenvectors().col(dims - 1 - c)));
      QVERIFY2(alignment > 1 - 1e-9, qPrintable(QString("axis %1: |cos| %2").arg(c).arg(alignment)));
      Index largest = 0;
      axes.axes.col(c).cwiseAbs().maxCoeff(&largest);
      QVERIFY(axes.axes(largest, c) > 0);
    }
  }

  void projectionMatchesCentredProduct() {
    const Matrix x = spreadColumns(1100, 300);
    const Eigen::MatrixXd w = miwb::testing::normalMatrix(300, 4, 3);
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const Matrix direct = (x.rowwise() - mean) * w;
    QVERIFY((miwb::projectCentred(x, mean, w) - direct).cwiseAbs().maxCoeff() < 1e-9);
  }
};

QTEST_GUILESS_MAIN(TestPca)
#include "test_pca.moc"
