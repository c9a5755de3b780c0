// The kernel numerics (Gram matrices, width rules) and the "renyi" and "cauchy-schwarz" estimators,
// against direct evaluations of their formulas with plain loops on small samples and against closed
// forms (delta kernels on labels give entropies of label frequencies). The plugin and the loops sum
// the same terms in different orders and the plugin takes eigenvalues where the loops take traces of
// matrix powers, so they agree to ~1e-14; 1e-10 leaves room for that and still catches any wrong
// normalisation, log base, power or kernel constant (each of which moves the value by > 1e-3).
#include <QtTest>
#include <tbb/task_arena.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <random>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/memory_limit.h"
#include "miwb/numerics/kernels.h"
#include "support/random_matrices.h"

using miwb::Estimate;
using miwb::Index;
using miwb::Json;
using miwb::Labels;
using miwb::Matrix;
using miwb::RunContext;
using miwb::Status;
using miwb::Variable;

using miwb::testing::normalMatrix;

namespace {

constexpr double kFormula = 1e-10;


// exp(-|a_i - a_j|^2 / (2 s^2)) with plain loops.
std::vector<std::vector<double>> directGram(const Matrix& a, double s) {
  const auto n = static_cast<std::size_t>(a.rows());
  std::vector<std::vector<double>> k(n, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double d2 = 0.0;
      for (Index c = 0; c < a.cols(); ++c) {
        const double diff = a(static_cast<Index>(i), c) - a(static_cast<Index>(j), c);
        d2 += diff * diff;
      }
      k[i][j] = std::exp(-d2 / (2.0 * s * s));
    }
  return k;
}

std::vector<std::vector<double>> directDelta(const Labels& l) {
  std::vector<std::vector<double>> k(l.size(), std::vector<double>(l.size()));
  for (std::size_t i = 0; i < l.size(); ++i)
    for (std::size_t j = 0; j < l.size(); ++j) k[i][j] = l[i] == l[j] ? 1.0 : 0.0;
  return k;
}

using Square = std::vector<std::vector<double>>;

Square hadamard(const Square& a, const Square& b) {
  Square c = a;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a.size(); ++j) c[i][j] = a[i][j] * b[i][j];
  return c;
}

// S_alpha(K / tr K) for integer alpha = 2 or 3 from traces of matrix powers (no eigen-solver):
// sum lambda^2 = sum_ij A_ij^2, sum lambda^3 = sum_ijk A_ij A_jk A_ki (A symmetric).
double traceEntropy(const Square& k, int alpha) {
  const std::size_t n = k.size();
  double trace = 0.0;
  for (std::size_t i = 0; i < n; ++i) trace += k[i][i];
  double power = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      if (alpha == 2) {
        power += k[i][j] * k[i][j];
      } else {
        for (std::size_t m = 0; m < n; ++m) power += k[i][j] * k[j][m] * k[m][i];
      }
    }
  power /= std::pow(trace, alpha);
  return std::log(power) / (1.0 - alpha);
}

// S_alpha(K / tr K) for any alpha from the eigenvalues of the general (non-symmetric) solver, a
// different algorithm from the plugin's symmetric one.
double eigenEntropy(const Square& k, double alpha) {
  const auto n = static_cast<Index>(k.size());
  Eigen::MatrixXd m(n, n);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < n; ++j) m(i, j) = k[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  m /= m.trace();
  const Eigen::VectorXd lambda = Eigen::EigenSolver<Eigen::MatrixXd>(m, false).eigenvalues().real();
  double sum = 0.0;
  for (Index i = 0; i < n; ++i) {
    if (lambda(i) <= 1e-14) continue;
    sum += alpha == 1.0 ? -lambda(i) * std::log(lambda(i)) : std::pow(lambda(i), alpha);
  }
  return alpha == 1.0 ? sum : std::log(sum) / (1.0 - alpha);
}

// ln(V_J V_M / V_C^2) with Principe's normalisations written out.
double directCauchySchwarz(const Square& kx, const Square& ky) {
  const double n = static_cast<double>(kx.size());
  double vj = 0.0, sx = 0.0, sy = 0.0, vc = 0.0;
  for (std::size_t i = 0; i < kx.size(); ++i) {
    double rx = 0.0, ry = 0.0;
    for (std::size_t j = 0; j < kx.size(); ++j) {
      vj += kx[i][j] * ky[i][j] / (n * n);
      rx += kx[i][j];
      ry += ky[i][j];
    }
    sx += rx / (n * n);
    sy += ry / (n * n);
    vc += rx * ry / (n * n * n);
  }
  return std::log(vj * (sx * sy) / (vc * vc));
}

double renyiOfFrequencies(const Labels& l, double alpha) {
  std::map<std::int64_t, double> counts;
  for (auto c : l) counts[c] += 1.0;
  double sum = 0.0;
  for (auto [c, k] : counts) {
    const double p = k / static_cast<double>(l.size());
    sum += alpha == 1.0 ? -p * std::log(p) : std::pow(p, alpha);
  }
  return alpha == 1.0 ? sum : std::log(sum) / (1.0 - alpha);
}

Json fixedWidths(double sx, double sy, Json extra = Json::object()) {
  extra["width_x"] = "fixed";
  extra["width_y"] = "fixed";
  extra["sigma_x"] = sx;
  extra["sigma_y"] = sy;
  return extra;
}

}  // namespace

class TestKernel : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;

  Status run(const std::string& id, const Json& params, const Variable& x, const Variable& y, Estimate& e,
             std::uint64_t seed = 1) {
    std::unique_ptr<miwb::Estimator> est;
    MIWB_TRY(registry_.createEstimator(id, params, est));
    RunContext ctx(seed);
    return est->mutualInformation(x, y, ctx, e);
  }
  double mi(const std::string& id, const Json& params, const Variable& x, const Variable& y, std::uint64_t seed = 1) {
    Estimate e;
    const Status s = run(id, params, x, y, e, seed);
    if (!s) qWarning("%s", s.message().c_str());
    return s ? e.valueNats : NAN;
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    QVERIFY2(registry_.estimator("renyi") && registry_.estimator("cauchy-schwarz"),
             "the kernel plugin was not found next to the test");
  }

  // Hand-checked cases of the shared numerics.
  void gramAndWidthRules() {
    Matrix x(3, 2);
    x << 0, 0, 3, 4, 0, 1;  // distances 5, 1, sqrt(18)
    const Eigen::MatrixXd d2 = miwb::squaredDistances(x);
    QCOMPARE(d2(0, 1), 25.0);
    QCOMPARE(d2(2, 0), 1.0);
    QCOMPARE(d2(1, 2), 18.0);
    QCOMPARE(d2(1, 1), 0.0);
    const Eigen::MatrixXd g = miwb::gaussianGram(x, 2.0);
    QVERIFY(std::fabs(g(0, 1) - std::exp(-25.0 / 8.0)) < 1e-15);
    QCOMPARE(g(1, 1), 1.0);
    QCOMPARE(miwb::medianPairwiseDistance(x), std::sqrt(18.0));  // of {1, sqrt 18, 5}: odd count
    Matrix line(4, 1);
    line << 0, 1, 3, 7;  // distances 1 2 3 4 6 7: even count, mean of 3 and 4
    QCOMPARE(miwb::medianPairwiseDistance(line), 3.5);
    Matrix ties(4, 1);
    ties << 2, 2, 2, 5;  // zero distances are ties, not scale: median of {3, 3, 3}
    QCOMPARE(miwb::medianPairwiseDistance(ties), 3.0);
    QCOMPARE(miwb::medianPairwiseDistance(Matrix::Constant(5, 2, 1.5)), 1.0);
    Matrix two(2, 1);
    two << -1, 1;  // unbiased variance 2, d = 1, N = 2: sqrt 2 (4/3)^(1/5) 2^(-1/5)
    QVERIFY(std::fabs(miwb::silvermanWidth(two) - std::sqrt(2.0) * std::pow(2.0 / 3.0, 0.2)) < 1e-15);
    QCOMPARE(miwb::silvermanWidth(Matrix::Constant(5, 3, 4.0)), 1.0);
    const Eigen::MatrixXd delta = miwb::deltaGram({4, 9, 4});
    QCOMPARE(delta(0, 2), 1.0);
    QCOMPARE(delta(0, 1), 0.0);
  }

  void subsamplingIsSeededAndDistinct() {
    miwb::Random a(5), b(5);
    const auto first = miwb::sampleWithoutReplacement(100, 30, a);
    QCOMPARE(first, miwb::sampleWithoutReplacement(100, 30, b));
    QCOMPARE(first.size(), std::size_t{30});
    QVERIFY(std::is_sorted(first.begin(), first.end()));
    QVERIFY(std::adjacent_find(first.begin(), first.end()) == first.end());
    QVERIFY(first.back() < 100);
    QCOMPARE(miwb::sampleWithoutReplacement(10, 50, a).size(), std::size_t{10});
  }

  // max_samples: unset keeps every row; a stratified draw keeps each class's share (60/30/10 of 100
  // rows -> 12/6/2 of 20; 7 of 100 -> quotas 4.2, 2.1, 0.7 -> 4, 2, 1 by the largest remainder).
  void maxSamplesSubsampleIsStratified() {
    miwb::Random rng(3);
    QCOMPARE(miwb::subsampleRows(50, std::nullopt, nullptr, rng).size(), std::size_t{50});
    QCOMPARE(miwb::subsampleRows(50, 80, nullptr, rng).size(), std::size_t{50});
    Labels labels(100);
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2;
    for (Index m : {20, 7}) {
      const auto kept = miwb::subsampleRows(100, m, &labels, rng);
      QCOMPARE(static_cast<Index>(kept.size()), m);
      QVERIFY(std::is_sorted(kept.begin(), kept.end()) && std::adjacent_find(kept.begin(), kept.end()) == kept.end());
      std::vector<int> perClass(3, 0);
      for (Index i : kept) ++perClass[static_cast<std::size_t>(labels[static_cast<std::size_t>(i)])];
      const std::vector<int> expected = m == 20 ? std::vector<int>{12, 6, 2} : std::vector<int>{4, 2, 1};
      QCOMPARE(perClass, expected);
    }
    miwb::Random again(9), same(9);
    QCOMPARE(miwb::subsampleRows(100, 20, &labels, again), miwb::subsampleRows(100, 20, &labels, same));
  }

  // alpha = 2 and 3 against traces of matrix powers; 1.01 and 1 against a different eigen-solver.
  void renyiMatchesDirectEvaluation_data() {
    QTest::addColumn<double>("alpha");
    QTest::newRow("alpha=2") << 2.0;
    QTest::newRow("alpha=3") << 3.0;
    QTest::newRow("alpha=1.01") << 1.01;
    QTest::newRow("alpha=1 (von Neumann)") << 1.0;
    QTest::newRow("alpha=0.5") << 0.5;
  }
  void renyiMatchesDirectEvaluation() {
    QFETCH(double, alpha);
    const Matrix x = normalMatrix(6, 2, 3), y = normalMatrix(6, 1, 4);
    const Square kx = directGram(x, 0.8), ky = directGram(y, 1.3);
    const auto entropyOf = [&](const Square& k) {
      return alpha == 2.0 || alpha == 3.0 ? traceEntropy(k, static_cast<int>(alpha)) : eigenEntropy(k, alpha);
    };
    const double expected = entropyOf(kx) + entropyOf(ky) - entropyOf(hadamard(kx, ky));
    Estimate e;
    QVERIFY(run("renyi", fixedWidths(0.8, 1.3, {{"alpha", alpha}}), Variable::continuous(x), Variable::continuous(y), e));
    QVERIFY2(std::fabs(e.valueNats - expected) < kFormula, qPrintable(QString("%1 vs %2").arg(e.valueNats).arg(expected)));
    QVERIFY(std::fabs(e.details.at("h_x").get<double>() - entropyOf(kx)) < kFormula);

    // A continuous side against labels (delta kernel).
    const Labels labels{0, 1, 1, 2, 0, 1};
    const double withLabels = entropyOf(kx) + entropyOf(directDelta(labels)) - entropyOf(hadamard(kx, directDelta(labels)));
    QVERIFY(std::fabs(mi("renyi", fixedWidths(0.8, 1.0, {{"alpha", alpha}}), Variable::continuous(x),
                         Variable::discrete(labels)) - withLabels) < kFormula);

    // The entropy S_alpha(A) of x alone.
    std::unique_ptr<miwb::Estimator> est;
    QVERIFY(registry_.createEstimator("renyi", fixedWidths(0.8, 1.0, {{"alpha", alpha}}), est));
    RunContext ctx(1);
    QVERIFY(est->entropy(Variable::continuous(x), ctx, e));
    QVERIFY(std::fabs(e.valueNats - entropyOf(kx)) < kFormula);
  }

  // The delta kernel's A has eigenvalues p_c (one per class), so S_alpha(A) is the Renyi entropy of
  // the label frequencies, and A o A = A makes I(Y;Y) = S_alpha(A) exactly.
  void renyiOfLabelsIsRenyiOfFrequencies() {
    const Labels y{5, 5, 5, 2, 2, 9, 5, 2, 7, 5};
    for (double alpha : {0.5, 1.0, 1.01, 2.0, 4.0}) {
      const double expected = renyiOfFrequencies(y, alpha);
      QVERIFY2(std::fabs(mi("renyi", {{"alpha", alpha}}, Variable::discrete(y), Variable::discrete(y)) - expected) < kFormula,
               qPrintable(QString("alpha %1").arg(alpha)));
    }
  }

  void renyiWidthRulesMatchDirectEvaluation() {
    const Matrix x = normalMatrix(7, 3, 8), y = normalMatrix(7, 2, 9);
    const double sx = miwb::medianPairwiseDistance(x), sy = miwb::silvermanWidth(y);
    const double expected = traceEntropy(directGram(x, sx), 2) + traceEntropy(directGram(y, sy), 2) -
                            traceEntropy(hadamard(directGram(x, sx), directGram(y, sy)), 2);
    Estimate e;
    QVERIFY(run("renyi", {{"alpha", 2.0}, {"width_x", "median"}, {"width_y", "silverman"}}, Variable::continuous(x),
                Variable::continuous(y), e));
    QVERIFY(std::fabs(e.valueNats - expected) < kFormula);
    QCOMPARE(e.details.at("x").at("sigma").get<double>(), sx);
  }

  // Wide rows (d = 30 >= kGramDims) take the distances from 256 x 256 Gram blocks: 600 rows cut the
  // blocks at 256 and 512. The distances equal the coordinate differences to rounding, duplicates
  // (across blocks) are exactly 0, the matrix exactly symmetric.
  void wideDistancesMatchDirectEvaluation() {
    Matrix x = normalMatrix(600, 30, 71);
    x.array() += 3.0;  // off the origin: the rows are centred first
    for (Index i = 0; i < 600; i += 37) x.row(599 - i) = x.row(i);
    const Eigen::MatrixXd d = miwb::squaredDistances(x);
    double worst = 0.0;
    for (Index i = 0; i < 600; ++i)
      for (Index j = 0; j < 600; ++j) {
        QCOMPARE(d(i, j), d(j, i));
        worst = std::max(worst, std::fabs(d(i, j) - (x.row(i) - x.row(j)).squaredNorm()));
      }
    QVERIFY2(worst < 1e-12, qPrintable(QString::number(worst)));
    for (Index i = 0; i < 600; i += 37) {
      QCOMPARE(d(i, 599 - i), 0.0);
      QCOMPARE(d(i, i), 0.0);
    }
  }

  // The row-sum paths (blocked kernel sums, O(N) memory) of cauchy-schwarz and of renyi at alpha = 2
  // against the direct Gram formulas, on wide rows (the product path, 300 rows cutting the 256-row
  // tiles) and with labels whose classes straddle them: to 1e-12.
  void rowSumPathsMatchDirectEvaluationOnWideRows() {
    const Matrix x = normalMatrix(300, 30, 81), y = normalMatrix(300, 26, 82);
    Labels labels(300);
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::int64_t>((i * 7 + i / 5) % 4);
    const Square kx = directGram(x, 6.0), ky = directGram(y, 5.0), kl = directDelta(labels);
    const auto close = [](double a, double b) { return std::fabs(a - b) < 1e-12; };
    QVERIFY(close(mi("cauchy-schwarz", fixedWidths(6.0, 5.0), Variable::continuous(x), Variable::continuous(y)),
                  directCauchySchwarz(kx, ky)));
    QVERIFY(close(mi("cauchy-schwarz", fixedWidths(6.0, 1.0), Variable::continuous(x), Variable::discrete(labels)),
                  directCauchySchwarz(kx, kl)));
    QVERIFY(close(mi("cauchy-schwarz", fixedWidths(1.0, 5.0), Variable::discrete(labels), Variable::continuous(y)),
                  directCauchySchwarz(kl, ky)));
    const double renyi = traceEntropy(kx, 2) + traceEntropy(ky, 2) - traceEntropy(hadamard(kx, ky), 2);
    QVERIFY(close(mi("renyi", fixedWidths(6.0, 5.0, {{"alpha", 2.0}}), Variable::continuous(x), Variable::continuous(y)),
                  renyi));
    const double withLabels = traceEntropy(kx, 2) + traceEntropy(kl, 2) - traceEntropy(hadamard(kx, kl), 2);
    QVERIFY(close(mi("renyi", fixedWidths(6.0, 1.0, {{"alpha", 2.0}}), Variable::continuous(x), Variable::discrete(labels)),
                  withLabels));
  }

  // alpha != 2 needs N x N matrices: past the memory limit, an error naming max_samples, before
  // anything is allocated.
  void spectralPathRefusesWhatCannotFit() {
    miwb::setMemoryLimitBytes(1 << 20);
    Estimate e;
    const Status s = run("renyi", {{"alpha", 1.0}}, Variable::continuous(normalMatrix(2000, 2, 91)),
                         Variable::continuous(normalMatrix(2000, 2, 92)), e);
    miwb::setMemoryLimitBytes(0);
    QVERIFY(!s);
    QVERIFY2(QString::fromStdString(s.message()).contains("max_samples"), s.message().c_str());
  }

  void cauchySchwarzMatchesDirectEvaluation() {
    const Matrix x = normalMatrix(6, 2, 13), y = normalMatrix(6, 3, 14);
    const double expected = directCauchySchwarz(directGram(x, 0.7), directGram(y, 1.9));
    QVERIFY(std::fabs(mi("cauchy-schwarz", fixedWidths(0.7, 1.9), Variable::continuous(x), Variable::continuous(y)) -
                      expected) < kFormula);
    const Labels labels{3, 1, 3, 3, 0, 1};
    QVERIFY(std::fabs(mi("cauchy-schwarz", fixedWidths(0.7, 1.0), Variable::continuous(x), Variable::discrete(labels)) -
                      directCauchySchwarz(directGram(x, 0.7), directDelta(labels))) < kFormula);
    // Median widths on both sides (the default).
    QVERIFY(std::fabs(mi("cauchy-schwarz", Json::object(), Variable::continuous(x), Variable::continuous(y)) -
                      directCauchySchwarz(directGram(x, miwb::medianPairwiseDistance(x)),
                                          directGram(y, miwb::medianPairwiseDistance(y)))) < kFormula);
  }

  // With Y = X = labels of frequencies p: V_J = sum p^2, V_M = (sum p^2)^2, V_C = sum p^3, so
  // I_CS = ln((sum p^2)^3 / (sum p^3)^2).
  void cauchySchwarzOfLabelsHasClosedForm() {
    const Labels y{1, 1, 1, 1, 2, 2, 3, 1, 2, 4};  // p = .5 .3 .1 .1
    const double p2 = 0.25 + 0.09 + 0.01 + 0.01, p3 = 0.125 + 0.027 + 0.001 + 0.001;
    QVERIFY(std::fabs(mi("cauchy-schwarz", Json::object(), Variable::discrete(y), Variable::discrete(y)) -
                      std::log(p2 * p2 * p2 / (p3 * p3))) < kFormula);
  }

  // A constant side has an all-ones Gram matrix: A = J/N has one eigenvalue 1 (S = 0) and
  // J o Ky = Ky, so I = 0; for CS, J = Sy, Sx = N^2, C = N Sy and the ratio is 1.
  void constantSideGivesZero() {
    const Variable constant = Variable::continuous(Matrix::Constant(40, 2, 3.0));
    const Variable y = Variable::continuous(normalMatrix(40, 2, 21));
    for (const char* id : {"renyi", "cauchy-schwarz"}) {
      QVERIFY2(std::fabs(mi(id, Json::object(), constant, y)) < kFormula, id);
      QVERIFY2(std::fabs(mi(id, Json::object(), y, constant)) < kFormula, id);
    }
  }

  // I_CS >= 0 (Cauchy-Schwarz inequality between the joint and product potentials) on any data.
  void cauchySchwarzIsNonNegative() {
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
      const double v = mi("cauchy-schwarz", Json::object(), Variable::continuous(normalMatrix(50, 1 + seed, seed)),
                          Variable::continuous(normalMatrix(50, 2, seed + 100)));
      QVERIFY(v >= -1e-15);
    }
  }

  // Independent standard normal pairs (d = 2 each, median widths): I_CS has a positive O(1/N) bias.
  // Over 20 seeds at N = 250 and N = 1000, N * I_CS had mean 0.5 and standard deviation 0.1, so 2/N
  // (0.002 at N = 1000) sits 15 standard deviations above the mean. A dependent pair with rho = 0.8
  // per coordinate gives ~0.06 at both sizes, thirty times the bound.
  void cauchySchwarzNearZeroUnderIndependence() {
    const Matrix x = normalMatrix(1000, 2, 31), noise = normalMatrix(1000, 2, 32);
    const double independent = mi("cauchy-schwarz", Json::object(), Variable::continuous(x), Variable::continuous(noise));
    const Matrix y = 0.8 * x + 0.6 * noise;
    const double dependent = mi("cauchy-schwarz", Json::object(), Variable::continuous(x), Variable::continuous(y));
    qInfo("I_CS independent %.5f, dependent (rho 0.8) %.5f", independent, dependent);
    QVERIFY(std::fabs(independent) < 2.0 / 1000.0);
    QVERIFY(dependent > 0.03);
  }

  // Shifting or scaling one side leaves median widths relative to the data, so nothing changes;
  // relabelling and a joint permutation of the rows change nothing either.
  void invariances() {
    const Matrix x = normalMatrix(60, 3, 41);
    Matrix y = x.leftCols(1) + 0.5 * normalMatrix(60, 1, 42);
    const Matrix xMoved = (x * 7.5).array() + 3.0;
    Labels labels(60), relabelled(60);
    for (std::size_t i = 0; i < 60; ++i) {
      labels[i] = static_cast<std::int64_t>(i % 4);
      relabelled[i] = 100 - 3 * labels[i];
    }
    std::vector<Index> reversed;
    for (Index i = 59; i >= 0; --i) reversed.push_back(i);
    for (const char* id : {"renyi", "cauchy-schwarz"}) {
      const double base = mi(id, Json::object(), Variable::continuous(x), Variable::continuous(y));
      QVERIFY2(std::fabs(mi(id, Json::object(), Variable::continuous(xMoved), Variable::continuous(y)) - base) < 1e-9, id);
      QVERIFY2(std::fabs(mi(id, Json::object(), Variable::continuous(x(reversed, Eigen::all)),
                            Variable::continuous(y(reversed, Eigen::all))) - base) < 1e-9, id);
      QVERIFY2(std::fabs(mi(id, Json::object(), Variable::continuous(y), Variable::continuous(x)) - base) < 1e-9, id);
      const double withLabels = mi(id, Json::object(), Variable::continuous(x), Variable::discrete(labels));
      QCOMPARE(mi(id, Json::object(), Variable::continuous(x), Variable::discrete(relabelled)), withLabels);
    }
  }

  void subsamplesLargeInputs() {
    const Variable x = Variable::continuous(normalMatrix(400, 2, 51)), y = Variable::continuous(normalMatrix(400, 1, 52));
    for (const char* id : {"renyi", "cauchy-schwarz"}) {
      Estimate a, b, c;
      QVERIFY(run(id, {{"max_samples", 150}}, x, y, a, 7));
      QVERIFY(run(id, {{"max_samples", 150}}, x, y, b, 7));
      QVERIFY(run(id, {{"max_samples", 150}}, x, y, c, 8));
      QCOMPARE(a.details.at("samples").get<Index>(), Index{150});
      QCOMPARE(a.valueNats, b.valueNats);  // same seed, same rows
      QVERIFY(a.valueNats != c.valueNats);
    }
  }

  void sameResultForAnyThreadCount() {
    const Variable x = Variable::continuous(normalMatrix(300, 4, 61)), y = Variable::continuous(normalMatrix(300, 2, 62));
    for (const char* id : {"renyi", "cauchy-schwarz"}) {
      double one = 0, two = 0;
      tbb::task_arena(1).execute([&] { one = mi(id, Json::object(), x, y); });
      tbb::task_arena(2).execute([&] { two = mi(id, Json::object(), x, y); });
      QVERIFY(one == two);  // bit-identical, not merely close
    }
  }

  void rejectsBadParameters() {
    std::unique_ptr<miwb::Estimator> est;
    const Status s = registry_.createEstimator("renyi", fixedWidths(0.0, 1.0), est);
    QCOMPARE(s.code(), miwb::StatusCode::InvalidInput);
    QVERIFY(s.message().find("sigma_x") != std::string::npos);
    QCOMPARE(registry_.createEstimator("cauchy-schwarz", {{"width_y", "widest"}}, est).code(),
             miwb::StatusCode::InvalidInput);
  }

  void stopsWhenCancelled() {
    std::atomic<bool> cancel{true};
    for (const char* id : {"renyi", "cauchy-schwarz"}) {
      std::unique_ptr<miwb::Estimator> est;
      QVERIFY(registry_.createEstimator(id, Json::object(), est));
      RunContext ctx(1, &cancel);
      Estimate e;
      QCOMPARE(est->mutualInformation(Variable::continuous(normalMatrix(100, 2, 1)), Variable::discrete(Labels(100, 0)), ctx, e)
                   .code(),
               miwb::StatusCode::Cancelled);
    }
  }
};

QTEST_GUILESS_MAIN(TestKernel)
#include "test_kernel.moc"
