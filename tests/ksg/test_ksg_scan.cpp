// The tiled brute-force scan (TiledNeighbours) against the kd-tree: the same neighbours, distances
// and counts bit for bit, on data with heavy ties and sizes that cut the tiles (8 queries x 256
// references) at odd places; and the ksg estimator giving identical numbers on either search.
#include <QtTest>
#include <tbb/task_arena.h>

#include <cmath>
#include <random>

#include "brute_force.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/numerics/kdtree.h"
#include "miwb/numerics/neighbour_index.h"
#include "miwb/numerics/tiled_neighbours.h"
#include "support/random_matrices.h"

using miwb::Index;
using miwb::Json;
using miwb::Matrix;
using miwb::testing::normalMatrix;

namespace {

// Small integers: nearly every distance ties with many others, and many are 0.
Matrix integerValued(Index n, Index d, std::uint64_t seed) {
  Matrix m = normalMatrix(n, d, seed);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) m(i, j) = std::round(1.5 * m(i, j));
  return m;
}

Matrix joined(const Matrix& left, const Matrix& right) {
  Matrix m(left.rows(), left.cols() + right.cols());
  m << left, right;
  return m;
}

miwb::Labels labelsOf(const Matrix& m, int classes) {
  miwb::Labels labels(static_cast<std::size_t>(m.rows()));
  for (Index i = 0; i < m.rows(); ++i)
    labels[static_cast<std::size_t>(i)] = static_cast<int>(std::fabs(std::floor(m(i, 0) * 1.3))) % classes;
  return labels;
}

}  // namespace

class TestKsgScan : public QObject {
  Q_OBJECT

  miwb::PluginRegistry registry_;

  // Runs the ksg estimator's `call` (mutualInformation or entropy) with the given search.
  template <class Call>
  miwb::Estimate run(Json params, const std::string& search, Call&& call) {
    params["search"] = search;
    std::unique_ptr<miwb::Estimator> est;
    miwb::Estimate out;
    const miwb::Status created = registry_.createEstimator("ksg", params, est);
    if (!created) qFatal("%s", created.message().c_str());
    miwb::RunContext ctx(1);
    miwb::Status status;
    tbb::task_arena(2).execute([&] { status = call(*est, ctx, out); });
    if (!status) qFatal("%s", status.message().c_str());
    return out;
  }

  // Both searches give the same estimate and standard error, to the last bit.
  template <class Call>
  void checkSearchesAgree(const Json& params, Call&& call) {
    const miwb::Estimate tree = run(params, "kd-tree", call), scan = run(params, "brute-force", call);
    if (tree.valueNats != scan.valueNats) qWarning("kd-tree %.17g, brute-force %.17g", tree.valueNats, scan.valueNats);
    QVERIFY(tree.valueNats == scan.valueNats);
    QVERIFY(tree.stderrNats == scan.stderrNats);
    QCOMPARE(QString::fromStdString(scan.details.value("search", "brute-force")), QString("brute-force"));
  }

  // Every row's k nearest (rows and distances) and its marginal counts from the scan against the
  // kd-trees, for row blocks of `block` (the last one short).
  static void checkScan(const Matrix& left, const Matrix& right, Index block) {
    const Index n = left.rows();
    const miwb::TiledNeighbours scan(left, right);
    const miwb::KdTree joint(left, right, 4), leftTree(left, 4);
    std::unique_ptr<miwb::KdTree> rightTree;
    if (right.cols() > 0) rightTree = std::make_unique<miwb::KdTree>(right, 4);
    QCOMPARE(scan.size(), n);
    QCOMPARE(scan.dims(), left.cols() + right.cols());
    for (int k : {1, 5}) {
      if (k > n - 1) continue;
      for (Index begin = 0; begin < n; begin += block) {
        const Index end = std::min(n, begin + block);
        const auto m = static_cast<std::size_t>(end - begin);
        std::vector<Index> rows(m * static_cast<std::size_t>(k)), expectedRows(static_cast<std::size_t>(k));
        std::vector<double> distances(rows.size()), expectedDistances(static_cast<std::size_t>(k));
        scan.nearestOfRows(begin, end, k, rows.data(), distances.data());
        std::vector<double> leftRadius(m), rightRadius(m);
        for (Index i = begin; i < end; ++i) {
          joint.nearestToRow(i, k, expectedRows.data(), expectedDistances.data());
          for (int j = 0; j < k; ++j) {
            const auto at = static_cast<std::size_t>((i - begin) * k + j);
            QCOMPARE(rows[at], expectedRows[static_cast<std::size_t>(j)]);
            QVERIFY(distances[at] == expectedDistances[static_cast<std::size_t>(j)]);
          }
          // Radii at exact neighbour distances are the hard cases for strict against inclusive,
          // and the two blocks get different ones.
          leftRadius[static_cast<std::size_t>(i - begin)] = expectedDistances.back();
          rightRadius[static_cast<std::size_t>(i - begin)] = expectedDistances.front();
        }
        for (bool inclusive : {false, true}) {
          std::vector<Index> leftCounts(m), rightCounts(m);
          scan.countOfRows(begin, end, leftRadius.data(), right.cols() > 0 ? rightRadius.data() : nullptr, inclusive,
                           leftCounts.data(), right.cols() > 0 ? rightCounts.data() : nullptr);
          for (Index i = begin; i < end; ++i) {
            const auto q = static_cast<std::size_t>(i - begin);
            QCOMPARE(leftCounts[q], inclusive ? leftTree.countWithinOrOn(leftTree.row(i), leftRadius[q])
                                              : leftTree.countWithin(leftTree.row(i), leftRadius[q]));
            if (rightTree)
              QCOMPARE(rightCounts[q], inclusive ? rightTree->countWithinOrOn(rightTree->row(i), rightRadius[q])
                                                 : rightTree->countWithin(rightTree->row(i), rightRadius[q]));
          }
        }
      }
    }
    // Arbitrary points over all columns, against the plain loop.
    const Matrix all = joined(left, right);
    for (Index i : {Index(0), n / 2, n - 1}) {
      for (double r : {0.0, 0.5, 1.0, 2.5}) {
        QCOMPARE(scan.countOfPoint(joint.row(i), r, false), brute::countWithin(all, i, r, false));
        QCOMPARE(scan.countOfPoint(joint.row(i), r, true), brute::countWithin(all, i, r, true));
      }
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    QVERIFY2(registry_.estimator("ksg"), "the ksg plugin was not found next to the test executable");
  }

  // Shapes that leave 1, 2 and 3 columns after the four-column passes, sizes just past one and
  // two reference tiles, and row blocks that end mid-tile.
  void scanMatchesKdTree() {
    checkScan(integerValued(521, 5, 1), integerValued(521, 6, 2), 13);
    checkScan(integerValued(257, 1, 3), integerValued(257, 1, 4), 257);
    checkScan(normalMatrix(263, 3, 5), normalMatrix(263, 2, 6), 29);
    checkScan(integerValued(300, 7, 7), Matrix(300, 0), 300);
    checkScan(integerValued(9, 4, 8), integerValued(9, 4, 9), 3);
    Matrix constant = normalMatrix(270, 4, 10);
    constant.col(2).setConstant(1.0);
    checkScan(constant, Matrix::Constant(270, 2, -3.0), 37);
  }

  // NeighbourIndex answers alike with either structure behind it, one row or a block at a time.
  void neighbourIndexScanMatchesTree() {
    for (const Matrix& m : {integerValued(300, 4, 11), integerValued(280, 1, 12), normalMatrix(265, 13, 13)}) {
      const miwb::NeighbourIndex tree(m, 8, miwb::NeighbourSearch::Tree), scan(m, 8, miwb::NeighbourSearch::Scan);
      constexpr int k = 4;
      const Index n = m.rows();
      std::vector<double> blockDistances(static_cast<std::size_t>((n - 5) * k));
      scan.nearestDistancesOfRows(5, n, k, blockDistances.data());
      std::vector<double> radii(static_cast<std::size_t>(n - 5));
      for (Index i = 5; i < n; ++i) {
        double expected[k], one[k];
        tree.nearestDistancesToRow(i, k, expected);
        scan.nearestDistancesToRow(i, k, one);
        for (int j = 0; j < k; ++j) {
          QVERIFY(one[j] == expected[j]);
          QVERIFY(blockDistances[static_cast<std::size_t>((i - 5) * k + j)] == expected[j]);
        }
        radii[static_cast<std::size_t>(i - 5)] = expected[k - 1];
        QCOMPARE(scan.countWithinOfRow(i, expected[k - 1]), tree.countWithinOfRow(i, expected[k - 1]));
        QCOMPARE(scan.countWithinOrOnOfRow(i, expected[k - 1]), tree.countWithinOrOnOfRow(i, expected[k - 1]));
      }
      std::vector<Index> counts(radii.size()), expectedCounts(radii.size());
      scan.countWithinOfRows(5, n, radii.data(), counts.data());
      tree.countWithinOfRows(5, n, radii.data(), expectedCounts.data());
      QVERIFY(counts == expectedCounts);
      const std::vector<double> point(static_cast<std::size_t>(m.cols()), 0.25);
      for (double r : {0.25, 1.25, 3.0}) {
        QCOMPARE(scan.countWithin(point.data(), r), tree.countWithin(point.data(), r));
        QCOMPARE(scan.countWithinOrOn(point.data(), r), tree.countWithinOrOn(point.data(), r));
      }
    }
  }

  // The estimator: KSG algorithms 1 and 2, Kozachenko-Leonenko and the mixed estimator give the
  // same bits on either search, with ties (integer values, noise off) and without.
  void estimatorSearchesAgree() {
    const auto mi = [](const Matrix& x, const Matrix& y) {
      return [x, y](const miwb::Estimator& e, miwb::RunContext& ctx, miwb::Estimate& out) {
        return e.mutualInformation(miwb::Variable::continuous(x), miwb::Variable::continuous(y), ctx, out);
      };
    };
    for (const auto& [dx, dy] : std::vector<std::pair<Index, Index>>{{1, 1}, {2, 3}, {6, 6}}) {
      const Matrix a = integerValued(530, dx, 20 + static_cast<std::uint64_t>(dx));
      const Matrix b = integerValued(530, dy, 30 + static_cast<std::uint64_t>(dy));
      Matrix y = b;
      for (Index j = 0; j < std::min(dx, dy); ++j) y.col(j) += a.col(j);
      const Matrix xc = normalMatrix(400, dx, 40), yc = normalMatrix(400, dy, 41) + 0.5 * xc.leftCols(1).replicate(1, dy);
      for (const char* algorithm : {"1", "2"}) {
        for (int k : {1, 4}) {
          checkSearchesAgree({{"k", k}, {"algorithm", algorithm}}, mi(a, y));
          checkSearchesAgree({{"k", k}, {"algorithm", algorithm}, {"standardize", false}}, mi(a, y));
          checkSearchesAgree({{"k", k}, {"algorithm", algorithm}}, mi(xc, yc));
        }
      }
      const miwb::Labels labels = labelsOf(b, 3);
      checkSearchesAgree({{"k", 3}}, [&](const miwb::Estimator& e, miwb::RunContext& ctx, miwb::Estimate& out) {
        return e.mutualInformation(miwb::Variable::continuous(a), miwb::Variable::discrete(labels), ctx, out);
      });
      const Matrix wide = normalMatrix(450, dx + dy, 50);
      checkSearchesAgree({{"k", 3}}, [&](const miwb::Estimator& e, miwb::RunContext& ctx, miwb::Estimate& out) {
        return e.entropy(miwb::Variable::continuous(wide), ctx, out);
      });
    }
  }

  // Wide data against the independent O(N^2) reference too (not only against the tree), and
  // `auto` picking the scan there: 12 joint dimensions at N = 300 (its switch-over is 6 there).
  void wideKsgMatchesReference() {
    const Matrix x = integerValued(300, 6, 60), y = integerValued(300, 6, 61) + x;
    for (int algorithm : {1, 2}) {
      const miwb::Estimate got = run({{"k", 3}, {"algorithm", std::to_string(algorithm)}, {"standardize", false}}, "auto",
                                     [&](const miwb::Estimator& e, miwb::RunContext& ctx, miwb::Estimate& out) {
                                       return e.mutualInformation(miwb::Variable::continuous(x),
                                                                  miwb::Variable::continuous(y), ctx, out);
                                     });
      QCOMPARE(QString::fromStdString(got.details.value("search", "")), QString("brute-force"));
      const double expected = brute::ksg(x, y, 3, algorithm);
      if (std::fabs(got.valueNats - expected) > 1e-9) qWarning("ksg %.15g, reference %.15g", got.valueNats, expected);
      QVERIFY(std::fabs(got.valueNats - expected) <= 1e-9);
    }
    QVERIFY(miwb::scanSuits(miwb::NeighbourSearch::Automatic, 10, 10000));
    QVERIFY(!miwb::scanSuits(miwb::NeighbourSearch::Automatic, 8, 10000));
    QVERIFY(!miwb::scanSuits(miwb::NeighbourSearch::Tree, 100, 10000));
    QVERIFY(miwb::scanSuits(miwb::NeighbourSearch::Scan, 1, 10000));
  }
};

QTEST_GUILESS_MAIN(TestKsgScan)
#include "test_ksg_scan.moc"
