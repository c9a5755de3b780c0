// The blocked kernel sums (numerics/pairwise.h) against a direct evaluation with plain loops over
// coordinate differences. Sizes are chosen so that the 256-row tiles cut rows and classes: 700 rows
// make tiles [0, 256), [256, 512), [512, 700), and the classes (contiguous runs, or scattered labels)
// straddle those edges. Wide points (d >= kGramDims) take the Gram-product path, narrow ones the
// difference path; both must agree with the loops to rounding (1e-12 on a log mean of O(1) values;
// a wrong norm, a missed tile or a block edge off by one moves a value by far more).
#include <QtTest>
#include <tbb/task_arena.h>

#include <cmath>

#include "miwb/numerics/gemm.h"
#include "miwb/numerics/pairwise.h"
#include "support/random_matrices.h"

using miwb::Index;
using miwb::Matrix;
using miwb::RunContext;

namespace {

constexpr double kRounding = 1e-12;

// For row i: ln (1/N) sum_j exp(-||p_i - p_j||^2 / (2 v)) over all rows, and the same over the rows
// of i's class. `rows` holds the points one per column, so each difference runs over contiguous
// coordinates (the reference is the slowest part of the suite under the sanitizers otherwise).
struct DirectLogMeans {
  double all, block;
};
DirectLogMeans directLogMeans(const Matrix& rows, Index i, double v, const std::vector<int>& labels) {
  double all = 0.0, block = 0.0, blockCount = 0.0;
  const int c = labels[static_cast<std::size_t>(i)];
  for (Index j = 0; j < rows.cols(); ++j) {
    double dist = 0.0;
    for (Index k = 0; k < rows.rows(); ++k) dist += (rows(k, i) - rows(k, j)) * (rows(k, i) - rows(k, j));
    const double kernel = std::exp(-dist / (2.0 * v));
    all += kernel;
    if (labels[static_cast<std::size_t>(j)] == c) {
      block += kernel;
      blockCount += 1.0;
    }
  }
  return {std::log(all / static_cast<double>(rows.cols())), std::log(block / blockCount)};
}

miwb::DenseLabels classesOf(const std::vector<int>& labels) {
  miwb::Labels l(labels.begin(), labels.end());
  return miwb::denseLabels(l);
}

// Contiguous class runs of 300, 130 and 270 rows: edges at 300 and 430 cut the tiles' 256 and 512.
std::vector<int> runLabels() {
  std::vector<int> l(700);
  for (int i = 0; i < 700; ++i) l[static_cast<std::size_t>(i)] = i < 300 ? 0 : i < 430 ? 1 : 2;
  return l;
}

// Five classes scattered over the rows.
std::vector<int> scatteredLabels(int n = 700) {
  std::vector<int> l(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) l[static_cast<std::size_t>(i)] = (i * 7 + i / 3) % 5;
  return l;
}

void compareWithDirect(const Matrix& p, const std::vector<int>& labels, double v) {
  const miwb::DenseLabels classes = classesOf(labels);
  miwb::KernelLogMeans sums;
  QVERIFY(miwb::gaussianKernelLogMeans(p, miwb::RowBlocks::byClass(classes), v, miwb::RunContext(), sums).isOk());
  std::vector<double> blockOnly;
  QVERIFY(miwb::gaussianKernelBlockLogMeans(p, miwb::RowBlocks::byClass(classes), v, miwb::RunContext(), blockOnly).isOk());
  double worstAll = 0.0, worstBlock = 0.0, worstBlockOnly = 0.0;
  const Matrix rows = p.transpose();
  for (Index i = 0; i < p.rows(); ++i) {
    const DirectLogMeans direct = directLogMeans(rows, i, v, labels);
    worstAll = std::max(worstAll, std::abs(sums.all[static_cast<std::size_t>(i)] - direct.all));
    worstBlock = std::max(worstBlock, std::abs(sums.block[static_cast<std::size_t>(i)] - direct.block));
    worstBlockOnly = std::max(worstBlockOnly, std::abs(blockOnly[static_cast<std::size_t>(i)] - direct.block));
  }
  QVERIFY2(worstAll < kRounding, qPrintable(QString("all: %1").arg(worstAll)));
  QVERIFY2(worstBlock < kRounding, qPrintable(QString("block: %1").arg(worstBlock)));
  QVERIFY2(worstBlockOnly < kRounding, qPrintable(QString("block only: %1").arg(worstBlockOnly)));
}

}  // namespace

class TestPairwise : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void productMatchesEigen() {
    const Matrix a = miwb::testing::normalMatrix(37, 53, 1), b = miwb::testing::normalMatrix(29, 53, 2);
    Matrix c(37, 29);
    miwb::multiplyByTranspose(a.data(), 53, b.data(), 53, 37, 29, 53, c.data());
    QVERIFY((c - a * b.transpose()).cwiseAbs().maxCoeff() < 1e-12);
    // Leading dimensions: the first 20 columns of each as a 20-wide product.
    miwb::multiplyByTranspose(a.data(), 53, b.data(), 53, 37, 29, 20, c.data());
    QVERIFY((c - a.leftCols(20) * b.leftCols(20).transpose()).cwiseAbs().maxCoeff() < 1e-12);
  }

  // Sums over block-cutting tiles, for the Gram path (d = 40, 64) and the difference path (d = 3, 23);
  // variances that make the kernel sharp (most pairs ~0) and flat.
  void matchesDirectEvaluation_data() {
    QTest::addColumn<int>("dims");
    QTest::addColumn<double>("variance");
    QTest::addColumn<bool>("scattered");
    for (int d : {3, 23, 40, 64})
      for (double v : {0.5, 20.0})
        for (bool scattered : {false, true})
          QTest::newRow(qPrintable(QString("d=%1 v=%2 %3").arg(d).arg(v).arg(scattered ? "scattered" : "runs")))
              << d << v << scattered;
  }
  void matchesDirectEvaluation() {
    QFETCH(int, dims);
    QFETCH(double, variance);
    QFETCH(bool, scattered);
    const Matrix p = miwb::testing::uniformMatrix(700, dims, 11 + static_cast<std::uint64_t>(dims));
    compareWithDirect(p, scattered ? scatteredLabels() : runLabels(), variance);
  }

  // 2100 wide rows take tiles of 512 (five a side, the last of 52 rows), each multiplied in 256 x 256
  // Gram blocks: the blocks above the diagonal of a diagonal tile pair count for both of their rows'
  // sums. Classes in runs whose edges (300, 770, 1800) cut blocks and tiles, or scattered.
  void largeTilesMatchDirectEvaluation_data() {
    QTest::addColumn<bool>("scattered");
    QTest::newRow("runs") << false;
    QTest::newRow("scattered") << true;
  }
  void largeTilesMatchDirectEvaluation() {
    QFETCH(bool, scattered);
    std::vector<int> labels = scatteredLabels(2100);
    if (!scattered)
      for (int i = 0; i < 2100; ++i) labels[static_cast<std::size_t>(i)] = i < 300 ? 0 : i < 770 ? 1 : i < 1800 ? 2 : 3;
    compareWithDirect(miwb::testing::uniformMatrix(2100, 40, 21), labels, 2.0);
  }

  // Points far from the origin (|p|^2 ~ 1e8 d) and exact duplicates: ||a||^2 + ||b||^2 - 2 a.b would
  // lose every digit without centring, and a duplicate's distance must not come out negative.
  void farFromOriginAndDuplicates() {
    Matrix p = miwb::testing::uniformMatrix(700, 48, 5);
    p.array() += 1e4;
    for (Index i = 0; i < 700; i += 9) p.row(i) = p.row(699 - i);  // duplicates across tiles
    compareWithDirect(p, scatteredLabels(), 1.0);
    miwb::KernelLogMeans sums;
    QVERIFY(miwb::gaussianKernelLogMeans(p, miwb::RowBlocks::single(700), 1.0, miwb::RunContext(), sums).isOk());
    for (double v : sums.all) QVERIFY(std::isfinite(v) && v <= 0.0);
  }

  // A single point: its kernel sum is exactly 1 (the diagonal is exactly 0), so the log mean is 0.
  void diagonalIsExact() {
    const Matrix p = miwb::testing::uniformMatrix(1, 100, 3, 50.0);
    miwb::KernelLogMeans sums;
    QVERIFY(miwb::gaussianKernelLogMeans(p, miwb::RowBlocks::single(1), 1e-6, miwb::RunContext(), sums).isOk());
    QCOMPARE(sums.all[0], 0.0);
    QCOMPARE(sums.block[0], 0.0);
  }

  void sameBitsForAnyThreadCount() {
    const Matrix p = miwb::testing::uniformMatrix(900, 40, 8);
    const auto blocks = miwb::RowBlocks::byClass(classesOf(std::vector<int>(900, 0)));
    miwb::KernelLogMeans one, two;
    tbb::task_arena(1).execute([&] { QVERIFY(miwb::gaussianKernelLogMeans(p, blocks, 2.0, RunContext(), one).isOk()); });
    tbb::task_arena(2).execute([&] { QVERIFY(miwb::gaussianKernelLogMeans(p, blocks, 2.0, RunContext(), two).isOk()); });
    QVERIFY(one.all == two.all);
    QVERIFY(one.block == two.block);
  }

  void rejectsBadBlocks() {
    const Matrix p = miwb::testing::uniformMatrix(10, 30, 8);
    miwb::KernelLogMeans sums;
    QVERIFY(!miwb::gaussianKernelLogMeans(p, {{}, {0, 5}}, 1.0, RunContext(), sums).isOk());
    QVERIFY(!miwb::gaussianKernelLogMeans(p, {{0, 1, 2}, {0, 10}}, 1.0, RunContext(), sums).isOk());
    QVERIFY(!miwb::gaussianKernelLogMeans(p, miwb::RowBlocks::single(10), 0.0, RunContext(), sums).isOk());
  }
};

QTEST_GUILESS_MAIN(TestPairwise)
#include "test_pairwise.moc"
