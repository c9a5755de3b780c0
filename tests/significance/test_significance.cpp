// Permutation tests: the p-value's formula, the permutations (global, within strata, Runge's local
// scheme), the chi-square tail of the analytic nulls, and calibration: under conditional
// independence with X and Z strongly dependent, ksg with local permutations rejects at about the
// nominal rate, and on dependent data it rejects.
#include <QtTest>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/significance/chi_square.h"
#include "miwb/host/significance/null_permutations.h"
#include "miwb/host/significance/permutation_test.h"
#include "support/random_matrices.h"

using miwb::Estimate;
using miwb::Index;
using miwb::Json;
using miwb::Matrix;
using miwb::Variable;
using miwb::testing::normalMatrix;

namespace {

// X = Z^2 + noise and Y = sin(2 Z) + noise: independent given Z, each strongly (and not linearly)
// dependent on Z and so on each other; with `direct` > 0, Y also depends on X beyond Z.
struct Triple {
  Variable x, y, z;
};
Triple noisyCopies(Index n, double direct, std::uint64_t seed) {
  const Matrix z = normalMatrix(n, 1, seed);
  Matrix x = z.array().square().matrix() + 0.3 * normalMatrix(n, 1, seed + 1);
  Matrix y = (2 * z).array().sin().matrix() + 0.3 * normalMatrix(n, 1, seed + 2) + direct * x;
  return {Variable::continuous(std::move(x)), Variable::continuous(std::move(y)), Variable::continuous(z)};
}

}  // namespace

class TestSignificance : public QObject {
  Q_OBJECT

  miwb::PluginRegistry registry_;

  std::unique_ptr<miwb::Estimator> make(const std::string& id, const Json& params) {
    std::unique_ptr<miwb::Estimator> est;
    const miwb::Status s = registry_.createEstimator(id, params, est);
    if (!s) qWarning("%s", s.message().c_str());
    return est;
  }

  // The observed estimate and its test.
  miwb::Status test(const miwb::Estimator& est, const Triple& t, bool conditional, const miwb::SignificanceOptions& options,
                    miwb::Significance& out, Estimate& observed, int threads = 2) {
    miwb::RunContext ctx(3);
    tbb::task_arena arena(threads);
    miwb::Status s;
    arena.execute([&] {
      s = conditional ? est.conditionalMutualInformation(t.x, t.y, t.z, ctx, observed)
                      : est.mutualInformation(t.x, t.y, ctx, observed);
      if (s) s = miwb::permutationTest(est, t.x, t.y, conditional ? &t.z : nullptr, observed, options, ctx, out);
    });
    return s;
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    for (const char* id : {"ksg", "gaussian", "binning"})
      QVERIFY2(registry_.estimator(id), qPrintable(QString("plugin of '%1' not found").arg(id)));
  }

  void chiSquareTail() {
    using miwb::numerics::chiSquareSurvival;
    for (double x : {0.01, 0.5, 1.0, 3.0, 7.5, 20.0, 60.0}) {
      // dof 2: e^{-x/2}; dof 1: erfc(sqrt(x/2)); dof 4: e^{-x/2} (1 + x/2).
      QVERIFY(std::fabs(chiSquareSurvival(x, 2) / std::exp(-x / 2) - 1) < 1e-13);
      QVERIFY(std::fabs(chiSquareSurvival(x, 1) / std::erfc(std::sqrt(x / 2)) - 1) < 1e-12);
      QVERIFY(std::fabs(chiSquareSurvival(x, 4) / (std::exp(-x / 2) * (1 + x / 2)) - 1) < 1e-12);
    }
    // Tabulated 5 % critical values.
    QVERIFY(std::fabs(chiSquareSurvival(3.841458820694124, 1) - 0.05) < 1e-13);
    QVERIFY(std::fabs(chiSquareSurvival(18.307038053275146, 10) - 0.05) < 1e-13);
    QVERIFY(std::fabs(chiSquareSurvival(124.34211340400407, 100) - 0.05) < 1e-12);
    QCOMPARE(chiSquareSurvival(0.0, 3), 1.0);
    QCOMPARE(chiSquareSurvival(-1e-17, 3), 1.0);
  }

  void pValueFormula() {
    QCOMPARE(miwb::permutationPValue({0.1, 0.2, 0.3}, 0.2), 0.75);  // (1 + 2) / 4: ties count
    QCOMPARE(miwb::permutationPValue({0.1, 0.2, 0.3}, 1.0), 0.25);  // the smallest possible, 1 / (1 + P)
    QCOMPARE(miwb::permutationPValue({0.1, 0.2, 0.3}, -1.0), 1.0);
  }

  void permutations() {
    const Index n = 500;
    // Global: permutations, reproducible by (seed, draw), different between draws.
    const miwb::NullPermutations global = miwb::NullPermutations::global(n);
    std::vector<Index> a = global.rows(7, 0), b = global.rows(7, 0), c = global.rows(7, 1);
    QVERIFY(a == b && a != c);
    std::sort(c.begin(), c.end());
    for (Index i = 0; i < n; ++i) QCOMPARE(c[static_cast<std::size_t>(i)], i);

    // Within strata of labels: a permutation that keeps every sample's label.
    miwb::Labels labels(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) labels[static_cast<std::size_t>(i)] = (i * 7) % 5;
    miwb::NullPermutations strata;
    QVERIFY(miwb::NullPermutations::local(Variable::discrete(labels), 5, strata));
    std::vector<Index> rows = strata.rows(1, 3);
    for (Index i = 0; i < n; ++i)
      QCOMPARE(labels[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])], labels[static_cast<std::size_t>(i)]);
    std::sort(rows.begin(), rows.end());
    QVERIFY(std::adjacent_find(rows.begin(), rows.end()) == rows.end());

    // Among neighbours in z: each sample takes the X of one of its 5 nearest in z (itself and 4
    // others; fewer than 4 others strictly nearer), few X values repeat, and the result depends on
    // (seed, draw) alone. One column, so standardizing keeps the ranks.
    const Matrix z = normalMatrix(n, 1, 5);
    miwb::NullPermutations local;
    QVERIFY(miwb::NullPermutations::local(Variable::continuous(z), 5, local));
    rows = local.rows(2, 0);
    QVERIFY(rows == local.rows(2, 0) && rows != local.rows(2, 1));
    for (Index i = 0; i < n; ++i) {
      const Index j = rows[static_cast<std::size_t>(i)];
      const double dij = std::fabs(z(i, 0) - z(j, 0));
      Index nearer = 0;
      for (Index m = 0; m < n; ++m)
        if (m != i && std::fabs(z(i, 0) - z(m, 0)) < dij) ++nearer;
      QVERIFY2(nearer <= 3, qPrintable(QString("sample %1 took row %2 with %3 nearer").arg(i).arg(j).arg(nearer)));
    }
    std::set<Index> distinct(rows.begin(), rows.end());
    QVERIFY2(static_cast<double>(distinct.size()) > 0.9 * n, qPrintable(QString::number(distinct.size())));
    QVERIFY(!miwb::NullPermutations::local(Variable::continuous(z), n + 1, local));
  }

  void sameResultOnAnyThreadCount() {
    const auto est = make("ksg", {{"k", 4}});
    const Triple t = noisyCopies(400, 0.0, 20);
    miwb::SignificanceOptions options;
    options.permutations = 30;
    options.seed = 9;
    miwb::Significance one, two;
    Estimate observed;
    QVERIFY(test(*est, t, true, options, one, observed, 1));
    QVERIFY(test(*est, t, true, options, two, observed, 2));
    QVERIFY(one.null == two.null);
    QCOMPARE(one.pValue, two.pValue);
    QCOMPARE(one.scheme, miwb::PermutationScheme::Local);
    QVERIFY(!one.analyticPValue);  // ksg has no analytic null
    // Mean and 95th percentile of the null as defined.
    double mean = 0;
    for (double v : one.null) mean += v;
    QVERIFY(std::fabs(one.nullMeanNats - mean / 30) < 1e-15);
    std::vector<double> sorted = one.null;
    std::sort(sorted.begin(), sorted.end());
    const double at = 0.95 * 29;  // linear between order statistics 27 and 28 (0-based)
    const double p95 = sorted[27] + (at - 27) * (sorted[28] - sorted[27]);
    QVERIFY(std::fabs(one.nullP95Nats - p95) < 1e-15);
  }

  // 2 N I against chi-square(dx dy) for the Gaussian estimator and the G-test for binning, computed
  // here from the estimate.
  void analyticPValues() {
    const Triple t = noisyCopies(300, 0.0, 30);
    miwb::SignificanceOptions options;
    options.permutations = 20;
    miwb::Significance s;
    Estimate observed;
    QVERIFY(test(*make("gaussian", {}), t, true, options, s, observed));
    QVERIFY(s.analyticPValue);
    QVERIFY(std::fabs(*s.analyticPValue - std::erfc(std::sqrt(300 * observed.valueNats))) < 1e-12);  // dof 1
    QVERIFY(test(*make("binning", {{"bins", 3}}), t, false, options, s, observed));
    const double dof = observed.details.at("chi2_dof").get<double>();
    QCOMPARE(dof, 4.0);  // (3 - 1)(3 - 1)
    QVERIFY(std::fabs(*s.analyticPValue - std::exp(-300 * observed.valueNats) * (1 + 300 * observed.valueNats)) < 1e-12);
  }

  // Calibration: 200 null data sets (X independent of Y given Z, both functions of Z plus noise),
  // N = 200, P = 99 local permutations: p < 0.05 means at most 3 of 99 null values reach the
  // observed one, probability 4/100 under an exact null. The fraction must lie in [0.02, 0.08]. A
  // global shuffle breaks the X-Z dependence, its null sits below the estimator's value on such data,
  // and it rejects far too often. On dependent data the test rejects.
  void calibratedUnderConditionalIndependence() {
    const auto est = make("ksg", {{"k", 4}});
    const int datasets = 200;
    for (const auto scheme : {miwb::PermutationScheme::Local, miwb::PermutationScheme::Global}) {
      miwb::SignificanceOptions options;
      options.permutations = 99;
      options.scheme = scheme;
      int rejected = 0;
      for (int d = 0; d < datasets; ++d) {
        const Triple t = noisyCopies(200, 0.0, 1000 + 10 * static_cast<std::uint64_t>(d));
        options.seed = static_cast<std::uint64_t>(d);
        miwb::Significance s;
        Estimate observed;
        QVERIFY(test(*est, t, true, options, s, observed));
        if (s.pValue < 0.05) ++rejected;
      }
      const double rate = static_cast<double>(rejected) / datasets;
      const bool local = scheme == miwb::PermutationScheme::Local;
      qInfo("%s: %d of %d null data sets rejected at 0.05 (%.3f)", local ? "local permutation" : "global shuffle",
            rejected, datasets, rate);
      if (local)
        QVERIFY2(rate >= 0.02 && rate <= 0.08, qPrintable(QString::number(rate)));
      else
        QVERIFY2(rate > 0.2, qPrintable(QString::number(rate)));
    }

    miwb::SignificanceOptions options;
    options.permutations = 99;
    for (int d = 0; d < 5; ++d) {
      const Triple t = noisyCopies(200, 1.0, 5000 + 10 * static_cast<std::uint64_t>(d));
      miwb::Significance s;
      Estimate observed;
      QVERIFY(test(*est, t, true, options, s, observed));
      QCOMPARE(s.pValue, 0.01);  // no null value reaches the observed one
    }
  }

  // A Z of labels: ksg conditions by strata and the permutations stay within them. X and Y are noisy
  // copies of a 3-valued Z (independent given Z): no rejection; with Y also following X: p = 1/(1+P).
  void discreteZPermutesWithinStrata() {
    const auto est = make("ksg", {{"k", 4}});
    const Index n = 600;
    const Matrix noise = normalMatrix(n, 3, 77);
    miwb::Labels z(static_cast<std::size_t>(n));
    Matrix x(n, 1), y(n, 1), yDependent(n, 1);
    for (Index i = 0; i < n; ++i) {
      z[static_cast<std::size_t>(i)] = i % 3;
      x(i, 0) = 2.0 * static_cast<double>(i % 3) + noise(i, 0);
      y(i, 0) = -1.5 * static_cast<double>(i % 3) + noise(i, 1);
      yDependent(i, 0) = y(i, 0) + x(i, 0);
    }
    miwb::SignificanceOptions options;
    options.permutations = 39;
    options.seed = 4;
    miwb::Significance s;
    Estimate observed;
    QVERIFY(test(*est, {Variable::continuous(x), Variable::continuous(y), Variable::discrete(z)}, true, options, s, observed));
    QCOMPARE(s.scheme, miwb::PermutationScheme::Local);
    QVERIFY2(s.pValue > 0.05, qPrintable(QString::number(s.pValue)));
    QVERIFY(test(*est, {Variable::continuous(x), Variable::continuous(yDependent), Variable::discrete(z)}, true, options, s,
                 observed));
    QCOMPARE(s.pValue, 0.025);
  }

  void badOptions() {
    const auto est = make("ksg", {});
    const Triple t = noisyCopies(50, 0.0, 40);
    miwb::SignificanceOptions options;
    options.permutations = 0;
    miwb::Significance s;
    Estimate observed;
    miwb::Status status = test(*est, t, true, options, s, observed);
    QVERIFY(!status && status.message().find("at least 1") != std::string::npos);
    options.permutations = 5;
    options.scheme = miwb::PermutationScheme::Local;
    status = test(*est, t, false, options, s, observed);
    QVERIFY(!status && status.message().find("conditioning variable") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestSignificance)
#include "test_significance.moc"
