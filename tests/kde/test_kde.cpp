// KDE bounds (Kolchinsky & Tracey; Saxe et al. 2018) against a direct evaluation of the formulas with
// plain loops. Both sides sum the same O(N^2) terms in nearly the same order, so they agree to ~1e-14;
// 1e-10 leaves room for that and still catches any wrong constant, factor or class weight.
#include <QtTest>
#include <tbb/task_arena.h>

#include <atomic>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <random>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/numerics/kernels.h"
#include "miwb/numerics/pairwise.h"
#include "support/random_matrices.h"

using miwb::Estimate;
using miwb::Index;
using miwb::Json;
using miwb::Labels;
using miwb::Matrix;
using miwb::RunContext;
using miwb::Status;
using miwb::Variable;

using miwb::testing::uniformMatrix;

namespace {

constexpr double kFormula = 1e-10;


// The mixture-entropy bound written out: d/2 + d/2 ln(2 pi s2) - 1/N sum_i ln(1/N sum_j exp(-D_ij / (2 v)))
// with v = s2 (upper); the lower bound is the same at v = 4 s2 plus d/2 ln(1/4), as in Saxe et al.'s code.
double directBound(const std::vector<std::vector<double>>& t, double s2, bool upper) {
  const double n = static_cast<double>(t.size()), d = static_cast<double>(t[0].size());
  const double v = upper ? s2 : 4.0 * s2;
  double outer = 0.0;
  for (const auto& a : t) {
    double inner = 0.0;
    for (const auto& b : t) {
      double dist = 0.0;
      for (std::size_t k = 0; k < a.size(); ++k) dist += (a[k] - b[k]) * (a[k] - b[k]);
      inner += std::exp(-dist / (2.0 * v));
    }
    outer += std::log(inner / n);
  }
  const double h = d / 2.0 + d / 2.0 * std::log(2.0 * std::numbers::pi * v) - outer / n;
  return upper ? h : h + d / 2.0 * std::log(0.25);
}

std::vector<std::vector<double>> rowsOf(const Matrix& m, const std::vector<Index>& rows) {
  std::vector<std::vector<double>> out;
  for (Index i : rows) {
    std::vector<double> r;
    for (Index j = 0; j < m.cols(); ++j) r.push_back(m(i, j));
    out.push_back(r);
  }
  return out;
}

// I = H(T) - sum_c p(c) H(T | c), each H by directBound on that class's points.
double directInformation(const Matrix& t, const Labels& labels, double s2, bool upper) {
  std::vector<Index> all;
  std::map<std::int64_t, std::vector<Index>> classes;
  for (Index i = 0; i < t.rows(); ++i) {
    all.push_back(i);
    classes[labels[static_cast<std::size_t>(i)]].push_back(i);
  }
  double conditional = 0.0;
  for (const auto& [label, rows] : classes)
    conditional += static_cast<double>(rows.size()) / static_cast<double>(t.rows()) * directBound(rowsOf(t, rows), s2, upper);
  return directBound(rowsOf(t, all), s2, upper) - conditional;
}

}  // namespace

class TestKde : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;

  Status run(const std::string& id, double s2, const Variable& x, const Variable& y, Estimate& e) {
    std::unique_ptr<miwb::Estimator> est;
    MIWB_TRY(registry_.createEstimator(id, {{"noise_variance", s2}}, est));
    RunContext ctx(1);
    return est->mutualInformation(x, y, ctx, e);
  }
  double mi(const std::string& id, double s2, const Variable& x, const Variable& y) {
    Estimate e;
    const Status s = run(id, s2, x, y, e);
    if (!s) qWarning("%s", s.message().c_str());
    return s ? e.valueNats : NAN;
  }
  double entropy(const std::string& id, double s2, const Variable& t) {
    std::unique_ptr<miwb::Estimator> est;
    if (!registry_.createEstimator(id, {{"noise_variance", s2}}, est)) return NAN;
    RunContext ctx(1);
    Estimate e;
    return est->entropy(t, ctx, e) ? e.valueNats : NAN;
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    QVERIFY2(registry_.estimator("kde-upper") && registry_.estimator("kde-lower"),
             "the kde plugin was not found next to the test");
  }

  void logSumExpIsStable() {
    QVERIFY(std::fabs(miwb::logSumExp({1000.0, 1000.0}) - (1000.0 + std::log(2.0))) < 1e-12);
    QVERIFY(std::fabs(miwb::logSumExp({-1000.0, -1000.0 + std::log(3.0)}) - (-1000.0 + std::log(4.0))) < 1e-12);
    QVERIFY(std::isinf(miwb::logSumExp({})) && miwb::logSumExp({}) < 0);
  }

  // Closed forms of the mixture entropy that both bounds reach: N coincident points are one Gaussian
  // (H = d/2 (ln(2 pi s2) + 1) exactly); N points far apart relative to s (here 100 s) are N disjoint
  // Gaussians, H = d/2 (ln(2 pi s2) + 1) + ln N up to terms of order e^(-100^2 / 8).
  void entropyClosedForms() {
    const double s2 = 0.04, noise3 = 1.5 * (std::log(2.0 * std::numbers::pi * s2) + 1.0);
    const Matrix same = Matrix::Constant(5, 3, 0.7);
    Matrix apart = Matrix::Zero(5, 3);
    for (Index i = 0; i < 5; ++i) apart(i, i % 3) = 20.0 * static_cast<double>(i + 1);  // pairwise >= 20 = 100 s
    for (const char* id : {"kde-upper", "kde-lower"}) {
      QVERIFY(std::fabs(entropy(id, s2, Variable::continuous(same)) - noise3) < 1e-12);
      QVERIFY(std::fabs(entropy(id, s2, Variable::continuous(apart)) - (noise3 + std::log(5.0))) < 1e-12);
    }
  }

  // Uneven, interleaved classes (so the plugin's sort by class is exercised), several widths and s2.
  void matchesDirectEvaluation_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("d");
    QTest::addColumn<double>("s2");
    QTest::newRow("n=13 d=3 s2=0.1") << 13 << 3 << 0.1;
    QTest::newRow("n=20 d=1 s2=0.01") << 20 << 1 << 0.01;
    QTest::newRow("n=17 d=7 s2=1") << 17 << 7 << 1.0;
  }
  void matchesDirectEvaluation() {
    QFETCH(int, n);
    QFETCH(int, d);
    QFETCH(double, s2);
    const Matrix t = uniformMatrix(n, d, 11 + static_cast<std::uint64_t>(d));
    Labels y;
    for (int i = 0; i < n; ++i) y.push_back((i * i + 1) % 3 == 0 ? 7 : (i % 2 ? 2 : -1));
    for (bool upper : {true, false}) {
      const std::string id = upper ? "kde-upper" : "kde-lower";
      const double expected = directInformation(t, y, s2, upper);
      Estimate e;
      QVERIFY(run(id, s2, Variable::continuous(t), Variable::discrete(y), e));
      QVERIFY2(std::fabs(e.valueNats - expected) < kFormula, qPrintable(QString("%1: %2 vs %3").arg(id.c_str()).arg(e.valueNats).arg(expected)));
      std::vector<Index> all(static_cast<std::size_t>(n));
      std::iota(all.begin(), all.end(), Index{0});
      QVERIFY(std::fabs(e.details.at("h_t").get<double>() - directBound(rowsOf(t, all), s2, upper)) < kFormula);
      QVERIFY(std::fabs(entropy(id, s2, Variable::continuous(t)) - directBound(rowsOf(t, all), s2, upper)) < kFormula);
      // Which argument holds the labels does not matter.
      QVERIFY(std::fabs(mi(id, s2, Variable::discrete(y), Variable::continuous(t)) - expected) < kFormula);
    }
  }

  // I(X;T) with one symbol per input: each class is one point whose bound is the noise entropy
  // d/2 (ln(2 pi s2) + 1), so I = H(T) - H(T|X) as Saxe et al. compute it; and I <= ln N.
  void uniqueInputsGiveEntropyMinusNoise() {
    const Index n = 40, d = 5;
    const double s2 = 0.1;
    const Matrix t = uniformMatrix(n, d, 3);
    const Variable x = Variable::withRowSymbols(uniformMatrix(n, 2, 4));
    std::vector<Index> all(static_cast<std::size_t>(n));
    std::iota(all.begin(), all.end(), Index{0});
    const double noise = d / 2.0 * (std::log(2.0 * std::numbers::pi * s2) + 1.0);
    for (bool upper : {true, false}) {
      const std::string id = upper ? "kde-upper" : "kde-lower";
      Estimate e;
      QVERIFY(run(id, s2, x, Variable::continuous(t), e));
      QVERIFY(std::fabs(e.valueNats - (directBound(rowsOf(t, all), s2, upper) - noise)) < kFormula);
      QVERIFY(std::fabs(e.details.at("h_t_given_labels").get<double>() - noise) < kFormula);
      QVERIFY(e.valueNats <= std::log(static_cast<double>(n)) + kFormula);
    }
    // Points far apart relative to the noise: every input is resolved, I(X;T) -> ln N (to e^-50).
    const Matrix spread = uniformMatrix(n, d, 3) * 100.0;
    QVERIFY(std::fabs(mi("kde-upper", 1e-3, x, Variable::continuous(spread)) - std::log(static_cast<double>(n))) < 1e-9);
  }

  // Lower <= upper for H(T), and so for I(X;T) (the same H(T|X) is subtracted from both).
  void lowerAtMostUpper() {
    const Variable x = Variable::discrete([] {
      Labels l(200);
      std::iota(l.begin(), l.end(), 0);
      return l;
    }());
    for (std::uint64_t seed = 0; seed < 4; ++seed)
      for (double s2 : {0.001, 0.1, 10.0}) {
        const Variable t = Variable::continuous(uniformMatrix(200, 1 + static_cast<Index>(seed) * 3, 20 + seed));
        QVERIFY(entropy("kde-lower", s2, t) <= entropy("kde-upper", s2, t));
        QVERIFY(mi("kde-lower", s2, x, t) <= mi("kde-upper", s2, x, t));
      }
  }

  // I(T;Y) <= H(Y) holds for the formula (the sum over all rows includes the row's class). With
  // classes far apart relative to the noise the bound is reached: I -> H(Y) up to ~N e^(-D/2 s2).
  void informationAboutLabelsAtMostEntropyOfLabels() {
    const Index n = 300;
    Labels y(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) y[static_cast<std::size_t>(i)] = (i % 7 == 0) ? 0 : (i % 3);  // uneven classes
    std::map<std::int64_t, double> counts;
    for (auto c : y) counts[c] += 1.0;
    double hy = 0.0;
    for (auto [c, k] : counts) hy -= k / n * std::log(k / n);
    Matrix overlapping = uniformMatrix(n, 2, 30), separated = uniformMatrix(n, 2, 31, 0.1);
    for (Index i = 0; i < n; ++i) separated(i, 0) += 10.0 * static_cast<double>(y[static_cast<std::size_t>(i)]);
    for (const char* id : {"kde-upper", "kde-lower"}) {
      QVERIFY(mi(id, 0.1, Variable::continuous(overlapping), Variable::discrete(y)) <= hy + 1e-12);
      const double i = mi(id, 0.1, Variable::continuous(separated), Variable::discrete(y));
      QVERIFY(i <= hy + 1e-12);
      QVERIFY2(std::fabs(i - hy) < 1e-6, qPrintable(QString("%1 vs H(Y) %2").arg(i).arg(hy)));
    }
  }

  void sameResultForAnyThreadCount() {
    const Variable t = Variable::continuous(uniformMatrix(500, 6, 40));
    Labels y(500);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = static_cast<std::int64_t>(i % 4);
    for (const char* id : {"kde-upper", "kde-lower"}) {
      double one = 0, two = 0;
      tbb::task_arena(1).execute([&] { one = mi(id, 0.1, t, Variable::discrete(y)); });
      tbb::task_arena(2).execute([&] { two = mi(id, 0.1, t, Variable::discrete(y)); });
      QVERIFY(one == two);  // bit-identical, not merely close
    }
  }

  // max_samples: null and N give the full estimate; m < N is the estimate on the stratified seeded
  // subsample of m rows that subsampleRows() draws from the call's seed (stream 0), and says so.
  void maxSamplesSubsamplesByClass() {
    const Variable t = Variable::continuous(uniformMatrix(300, 5, 44));
    Labels y(300);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = static_cast<std::int64_t>(i % 3 == 0 ? 0 : 1);
    auto withMax = [&](Json max, const Variable& tt, const Labels& yy, Estimate& e) {
      std::unique_ptr<miwb::Estimator> est;
      QVERIFY(registry_.createEstimator("kde-upper", {{"noise_variance", 0.1}, {"max_samples", max}}, est));
      RunContext ctx(1);
      QVERIFY(est->mutualInformation(tt, Variable::discrete(yy), ctx, e));
    };
    Estimate full, same, sub, direct;
    withMax(nullptr, t, y, full);
    withMax(300, t, y, same);
    QCOMPARE(same.valueNats, full.valueNats);
    QCOMPARE(full.details.at("samples").get<Index>(), Index{300});
    withMax(120, t, y, sub);
    QCOMPARE(sub.details.at("samples").get<Index>(), Index{120});
    miwb::Random rng = RunContext(1).random(0);
    const std::vector<Index> rows = miwb::subsampleRows(300, 120, &y, rng);
    Labels yRows;
    for (Index i : rows) yRows.push_back(y[static_cast<std::size_t>(i)]);
    withMax(nullptr, t.subset(rows), yRows, direct);
    QCOMPARE(sub.valueNats, direct.valueNats);
    QVERIFY(sub.valueNats != full.valueNats);
  }

  void refusesTwoContinuousSides() {
    Estimate e;
    const Status s = run("kde-upper", 0.1, Variable::continuous(uniformMatrix(10, 2, 1)),
                         Variable::continuous(uniformMatrix(10, 2, 2)), e);
    QCOMPARE(s.code(), miwb::StatusCode::Unsupported);
    QVERIFY(s.message().find("continuous") != std::string::npos);
    QCOMPARE(run("kde-lower", 0.1, Variable::discrete({0, 1}), Variable::discrete({1, 0}), e).code(),
             miwb::StatusCode::Unsupported);
  }

  void stopsWhenCancelled() {
    std::unique_ptr<miwb::Estimator> est;
    QVERIFY(registry_.createEstimator("kde-upper", Json::object(), est));
    std::atomic<bool> cancel{true};
    RunContext ctx(1, &cancel);
    Estimate e;
    QCOMPARE(est->mutualInformation(Variable::continuous(uniformMatrix(200, 2, 1)), Variable::discrete(Labels(200, 0)),
                                    ctx, e)
                 .code(),
             miwb::StatusCode::Cancelled);
  }

  void rejectsBadNoiseVariance() {
    std::unique_ptr<miwb::Estimator> est;
    QCOMPARE(registry_.createEstimator("kde-upper", {{"noise_variance", 0.0}}, est).code(),
             miwb::StatusCode::InvalidInput);
  }
};

QTEST_GUILESS_MAIN(TestKde)
#include "test_kde.moc"
