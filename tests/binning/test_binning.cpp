// Plug-in (binning) entropies and MI against hand-computed small cases, and the bounds that plug-in
// MI must satisfy. Hand-computed values are exact up to rounding, so they are compared to 1e-12
// (a wrong count moves an entropy by at least ~1/N ln N, far above that).
#include <QtTest>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/numerics/discretise.h"
#include "miwb/numerics/entropy.h"
#include "support/random_matrices.h"

using miwb::Estimate;
using miwb::Json;
using miwb::Labels;
using miwb::Matrix;
using miwb::RunContext;
using miwb::Status;
using miwb::Variable;

using miwb::testing::uniformMatrix;

namespace {

constexpr double kExact = 1e-12;

Matrix column(std::initializer_list<double> values) {
  Matrix m(static_cast<miwb::Index>(values.size()), 1);
  miwb::Index i = 0;
  for (double v : values) m(i++, 0) = v;
  return m;
}


}  // namespace

class TestBinning : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;

  std::unique_ptr<miwb::Estimator> make(const Json& params) {
    std::unique_ptr<miwb::Estimator> est;
    const Status s = registry_.createEstimator("binning", params, est);
    if (!s) qWarning("%s", s.message().c_str());
    return est;
  }
  double mi(const Json& params, const Variable& x, const Variable& y, Estimate* full = nullptr) {
    auto est = make(params);
    if (!est) return NAN;
    RunContext ctx(1);
    Estimate e;
    const Status s = est->mutualInformation(x, y, ctx, e);
    if (!s) qWarning("%s", s.message().c_str());
    if (full) *full = e;
    return s ? e.valueNats : NAN;
  }
  double entropy(const Json& params, const Variable& x) {
    auto est = make(params);
    if (!est) return NAN;
    RunContext ctx(1);
    Estimate e;
    return est->entropy(x, ctx, e) ? e.valueNats : NAN;
  }

 private Q_SLOTS:
  // The entropy's sum is correctly rounded: the same bits in any order of the symbols (a running sum
  // of these 5000 terms of many magnitudes differs between orders), and the bits of the expression
  // in Python, max(0, log(n) - math.fsum(c * log(c) for c in counts) / n), which gives
  // 1.7369258554431806 for these Fibonacci counts.
  void entropyIsExactlyRounded() {
    std::vector<miwb::Index> counts(5000);
    std::mt19937_64 rng(3);
    for (auto& c : counts) c = 1 + static_cast<miwb::Index>(rng() % 100000);
    const double h = miwb::plugInEntropy(counts);
    std::reverse(counts.begin(), counts.end());
    QCOMPARE(miwb::plugInEntropy(counts), h);
    std::shuffle(counts.begin(), counts.end(), rng);
    QCOMPARE(miwb::plugInEntropy(counts), h);
    const std::vector<miwb::Index> fibonacci{1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597};
    QVERIFY(miwb::plugInEntropy(fibonacci) == 1.7369258554431806);
  }

  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    QVERIFY2(registry_.estimator("binning"), "the binning plugin was not found next to the test");
  }

  void plugInEntropyOfCounts() {
    // Counts 2, 1, 3, 2 of 8: H = 2 (1/4) ln 4 + (1/8) ln 8 + (3/8) ln(8/3).
    const double h = 0.5 * std::log(4.0) + std::log(8.0) / 8 + 3.0 / 8 * std::log(8.0 / 3.0);
    QVERIFY(std::fabs(miwb::plugInEntropy({2, 1, 3, 2}) - h) < kExact);
    QCOMPARE(miwb::plugInEntropy({5}), 0.0);
    QCOMPARE(miwb::plugInEntropy({}), 0.0);
  }

  // Eight samples, X two classes, T one unit in 4 bins over [0, 4]:
  //   X = 0 0 0 0 1 1 1 1,  T bins = 0 0 1 2 | 2 2 3 3.
  // H(T): counts 2,1,3,2 -> 5/2 ln 2 - 3/8 ln 3.   H(X) = ln 2.
  // H(X,T): (0,0)x2 (0,1) (0,2) (1,2)x2 (1,3)x2 -> 3 (1/4) ln 4 + 2 (1/8) ln 8 = 9/4 ln 2.
  // I = ln 2 + 5/2 ln 2 - 3/8 ln 3 - 9/4 ln 2 = 5/4 ln 2 - 3/8 ln 3
  //   = H(T) - H(T|X) with H(T|X=0) = 3/2 ln 2, H(T|X=1) = ln 2.
  void handComputedEightSamples() {
    const Variable x = Variable::discrete({0, 0, 0, 0, 1, 1, 1, 1});
    const Variable t = Variable::continuous(column({0.5, 0.5, 1.5, 2.5, 2.5, 2.5, 3.5, 3.5}));
    const Json params = {{"bins", 4}, {"range", {0.0, 4.0}}};
    Estimate e;
    const double value = mi(params, x, t, &e);
    const double ln2 = std::log(2.0), ln3 = std::log(3.0);
    QVERIFY(std::fabs(value - (1.25 * ln2 - 0.375 * ln3)) < kExact);
    QVERIFY(std::fabs(e.details.at("h_x").get<double>() - ln2) < kExact);
    QVERIFY(std::fabs(e.details.at("h_y").get<double>() - (2.5 * ln2 - 0.375 * ln3)) < kExact);
    QVERIFY(std::fabs(e.details.at("h_xy").get<double>() - 2.25 * ln2) < kExact);
    QCOMPARE(e.details.at("symbols_y").get<int>(), 4);
    // Symmetric in its arguments.
    QVERIFY(std::fabs(mi(params, t, x) - value) < kExact);
  }

  // A row of bin indices is one symbol: the two units together, not each on its own.
  // Rows (0.1,0.9) x2, (0.9,0.1), (0.9,0.9) with 2 bins over [0,1] -> symbols 01,01,10,11:
  // counts 2,1,1 -> H = 3/2 ln 2 (each unit alone would give ln 2 and (3/4 ln 4/3 + 1/4 ln 4)).
  void rowsAreSymbols() {
    Matrix m(4, 2);
    m << 0.1, 0.9, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9;
    QVERIFY(std::fabs(entropy({{"bins", 2}, {"range", {0.0, 1.0}}}, Variable::continuous(m)) - 1.5 * std::log(2.0)) <
            kExact);
  }

  // Labels are used as symbols when a variable has both, even where its values would share a bin.
  void labelsPreferredOverValues() {
    const Variable x = Variable::withRowSymbols(column({0.0, 0.01, 0.5, 0.51}));
    QVERIFY(std::fabs(entropy({{"bins", 2}}, x) - std::log(4.0)) < kExact);
  }

  // With one symbol per sample, H(X) = H(X,T) = ln N, so I(X;T) = H(T) exactly, and H(T) <= ln N.
  void uniqueInputsGiveEntropyOfT() {
    const miwb::Index n = 1000;
    const Variable x = Variable::withRowSymbols(uniformMatrix(n, 4, 1));
    QCOMPARE(static_cast<miwb::Index>(miwb::denseLabels(x.labels()).counts.size()), n);
    for (int bins : {2, 5, 30}) {
      const Json params = {{"bins", bins}, {"range", {-1.0, 1.0}}};
      const Variable t = Variable::continuous(uniformMatrix(n, 3, 2).array().tanh().matrix());
      const double i = mi(params, x, t), h = entropy(params, t);
      QVERIFY(std::fabs(i - h) < kExact);
      QVERIFY(i <= std::log(static_cast<double>(n)) + kExact);
    }
    // Fine bins: every row of T its own symbol, so I reaches ln N.
    const Variable t = Variable::continuous(uniformMatrix(n, 3, 3));
    QVERIFY(std::fabs(mi({{"bins", 1000}}, x, t) - std::log(static_cast<double>(n))) < kExact);
  }

  // I(T;Y) <= H(Y) (= ln 10 for ten balanced classes), and I(T;Y) = H(Y) when T determines Y.
  void informationAboutLabelsAtMostEntropyOfLabels() {
    const miwb::Index n = 2000;
    Labels y(static_cast<std::size_t>(n));
    for (miwb::Index i = 0; i < n; ++i) y[static_cast<std::size_t>(i)] = i % 10;
    const Variable labels = Variable::discrete(y);
    const double hy = std::log(10.0);
    for (int bins : {2, 10, 100}) {
      const double i = mi({{"bins", bins}}, Variable::continuous(uniformMatrix(n, 5, 4)), labels);
      QVERIFY(i >= 0.0);
      QVERIFY(i <= hy + kExact);
    }
    Matrix determined(n, 1);
    for (miwb::Index i = 0; i < n; ++i) determined(i, 0) = static_cast<double>(y[static_cast<std::size_t>(i)]) + 0.5;
    QVERIFY(std::fabs(mi({{"bins", 10}, {"range", {0.0, 10.0}}}, Variable::continuous(determined), labels) - hy) <
            kExact);
  }

  // Four bins over [-1, 1] have edges -1, -0.5, 0, 0.5, 1; outside values clamp to the end bins.
  void clampsOutsideTheRange() {
    const auto edges = miwb::BinEdges::uniform(-1.0, 1.0, 4);
    QCOMPARE(edges.binOf(-5.0), 0);
    QCOMPARE(edges.binOf(-1.0), 0);
    QCOMPARE(edges.binOf(-0.75), 0);
    QCOMPARE(edges.binOf(-0.5), 1);
    QCOMPARE(edges.binOf(0.0), 2);
    QCOMPARE(edges.binOf(0.99), 3);
    QCOMPARE(edges.binOf(1.0), 3);
    QCOMPARE(edges.binOf(7.0), 3);
    QCOMPARE(edges.binOf(1e300), 3);
    QCOMPARE(edges.binOf(-1e300), 0);
    // Through the estimator: -5 shares a bin with -0.9 and 7 with 0.9, so H(T) = ln 2, not ln 4.
    const Json params = {{"bins", 4}, {"range", {-1.0, 1.0}}};
    const Variable t = Variable::continuous(column({-5.0, -0.9, 0.9, 7.0}));
    QVERIFY(std::fabs(entropy(params, t) - std::log(2.0)) < kExact);
    QVERIFY(std::fabs(mi(params, t, Variable::discrete({0, 0, 1, 1})) - std::log(2.0)) < kExact);
  }

  // Range from the data: the minimum and maximum over all values of the variable, pooled over units.
  // Rows (0,1), (10,3), (0,3), 2 bins: pooled range [0,10] -> (0,0), (1,0), (0,0): H = ln 3 - 2/3 ln 2.
  // (Per-unit ranges would split unit 1 into 1 -> 0, 3 -> 1 and give three symbols, H = ln 3.)
  void rangeFromData() {
    Matrix m(3, 2);
    m << 0, 1, 10, 3, 0, 3;
    const double h = std::log(3.0) - 2.0 / 3.0 * std::log(2.0);
    QVERIFY(std::fabs(entropy({{"bins", 2}}, Variable::continuous(m)) - h) < kExact);
    // Shifting and scaling the data moves the range with it.
    QVERIFY(std::fabs(entropy({{"bins", 2}}, Variable::continuous((m.array() * 3.0 + 100.0).matrix())) - h) < kExact);
    // A constant variable is one symbol.
    QCOMPARE(entropy({{"bins", 30}}, Variable::continuous(column({2.0, 2.0, 2.0}))), 0.0);
  }

  // Unique values 0,1,2,3,10,20 (M = 6) in B = 3 bins: edges u_0, u_2, u_4, u_5 = 0, 2, 10, 20, so the
  // bins hold {0,1}, {2,3}, {10,20}. The ten values 0,0,0,0,1,2,3,10,10,20 fall 5, 2, 3:
  // H = -(1/2 ln 1/2 + 1/5 ln 1/5 + 3/10 ln 3/10).
  void adaptiveEdgesHandCase() {
    const Matrix values = column({0, 0, 0, 0, 1, 2, 3, 10, 10, 20});
    const auto edges = miwb::BinEdges::adaptive(values, 3);
    QCOMPARE(edges.edges(), (std::vector<double>{0, 2, 10, 20}));
    const double h = -(0.5 * std::log(0.5) + 0.2 * std::log(0.2) + 0.3 * std::log(0.3));
    QVERIFY(std::fabs(entropy({{"bins", 3}, {"scheme", "adaptive"}}, Variable::continuous(values)) - h) < kExact);
    // Pooled over units: the same values spread over two columns give the same edges.
    Matrix two(5, 2);
    two << 0, 0, 0, 0, 1, 2, 3, 10, 10, 20;
    QCOMPARE(miwb::BinEdges::adaptive(two, 3).edges(), (std::vector<double>{0, 2, 10, 20}));
    // Fewer unique values than bins: each value keeps its own bin.
    const auto few = miwb::BinEdges::adaptive(column({1, 2, 2, 1}), 4);
    QVERIFY(few.binOf(1) != few.binOf(2));
    QVERIFY(std::fabs(entropy({{"bins", 4}, {"scheme", "adaptive"}}, Variable::continuous(column({1, 2, 2, 1}))) -
                      std::log(2.0)) < kExact);
  }

  // Negative values, and -0.0 counted as the same value as 0.0: unique values -3, -1, 0, 2, 5 (M = 5)
  // in B = 2 bins give edges u_0, u_2, u_4 = -3, 0, 5, so -3, -1 | -0, 0, 2, 5 fall 2 | 4.
  void adaptiveEdgesNegativeAndSignedZero() {
    const Matrix values = column({-3, -1, -0.0, 0.0, 2, 5});
    QCOMPARE(miwb::BinEdges::adaptive(values, 2).edges(), (std::vector<double>{-3, 0, 5}));
    const double h = -(std::log(1.0 / 3.0) / 3.0 + 2.0 / 3.0 * std::log(2.0 / 3.0));
    QVERIFY(std::fabs(entropy({{"bins", 2}, {"scheme", "adaptive"}}, Variable::continuous(values)) - h) < kExact);
    // Against sort + unique on many values of both signs.
    const Matrix m = uniformMatrix(3000, 7, 9);
    std::vector<double> u(m.data(), m.data() + m.size());
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    std::vector<double> expected;
    for (std::size_t k = 0; k < 30; ++k) expected.push_back(u[k * u.size() / 30]);
    expected.push_back(u.back());
    QCOMPARE(miwb::BinEdges::adaptive(m, 30).edges(), expected);
  }

  // The hashed/sorted row symbols agree with an ordered map over rows of bin indices.
  void rowSymbolsMatchReference() {
    const Matrix m = uniformMatrix(20000, 40, 5);
    const auto edges = miwb::BinEdges::uniform(-1.0, 1.0, 2);
    const auto sym = miwb::discretiseRows(m, edges);
    std::map<std::vector<int>, int> reference;
    for (miwb::Index i = 0; i < m.rows(); ++i) {
      std::vector<int> row;
      for (miwb::Index j = 0; j < m.cols(); ++j) row.push_back(edges.binOf(m(i, j)));
      auto [it, inserted] = reference.try_emplace(row, static_cast<int>(reference.size()));
      QCOMPARE(sym.codes[static_cast<std::size_t>(i)], it->second);  // both number by first appearance
    }
    QCOMPARE(sym.counts.size(), reference.size());
    // Few units and bins: many repeated symbols, counts must add up.
    const auto coarse = miwb::discretiseRows(uniformMatrix(20000, 2, 6), miwb::BinEdges::uniform(-1.0, 1.0, 3));
    QCOMPARE(coarse.counts.size(), std::size_t{9});
    miwb::Index total = 0;
    for (auto c : coarse.counts) total += c;
    QCOMPARE(total, miwb::Index{20000});
  }

  void sameResultForAnyThreadCount() {
    const Variable t = Variable::continuous(uniformMatrix(5000, 20, 7));
    const Variable x = Variable::withRowSymbols(uniformMatrix(5000, 2, 8));
    double one = 0, two = 0;
    tbb::task_arena(1).execute([&] { one = mi({{"bins", 3}, {"scheme", "adaptive"}}, x, t); });
    tbb::task_arena(2).execute([&] { two = mi({{"bins", 3}, {"scheme", "adaptive"}}, x, t); });
    QVERIFY(one == two);
  }

  void rejectsBadParameters() {
    std::unique_ptr<miwb::Estimator> est;
    Status s = registry_.createEstimator("binning", {{"range", {1.0, -1.0}}}, est);
    QCOMPARE(s.code(), miwb::StatusCode::InvalidInput);
    QVERIFY(s.message().find("range") != std::string::npos);
    s = registry_.createEstimator("binning", {{"range", {-1.0, 1.0}}, {"scheme", "adaptive"}}, est);
    QCOMPARE(s.code(), miwb::StatusCode::InvalidInput);
    s = registry_.createEstimator("binning", {{"bins", 0}}, est);
    QCOMPARE(s.code(), miwb::StatusCode::InvalidInput);
  }
};

QTEST_GUILESS_MAIN(TestBinning)
#include "test_binning.moc"
