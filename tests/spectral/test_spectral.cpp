// Diffusion spectral entropy and MI ("dse", "dsmi") against closed forms and a direct evaluation.
// Closed forms: identical points give K = J/N (one eigenvalue 1, the rest 0): DSE = 0. Clusters of
// identical points far apart (relative to sigma) give a block-diagonal K whose blocks are J_b/n_b:
// one eigenvalue 1 per cluster whatever its size, so DSE = ln m for m clusters and any t. Two points
// give K = [[1, g], [g, 1]] / (1 + g), eigenvalues 1 and (1 - g)/(1 + g). The direct evaluation takes
// the eigenvalues of P = D^-1 G with Eigen's general (non-symmetric) solver, a different algorithm
// from the plugin's symmetric one on D^-1/2 G D^-1/2; the two agree to ~1e-14, and 1e-10 still
// catches a wrong normalisation, power or log base (each moves DSE by > 1e-3).
#include <QtTest>
#include <tbb/task_arena.h>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <atomic>
#include <functional>
#include <cmath>
#include <random>

#include "miwb/host/plugins/plugin_registry.h"
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


double entropyOfWeights(const Eigen::ArrayXd& w) {
  const Eigen::ArrayXd p = w / w.sum();
  double h = 0.0;
  for (Index i = 0; i < p.size(); ++i)
    if (p(i) > 0.0) h -= p(i) * std::log(p(i));
  return h;
}

// DSE from the eigenvalues of the diffusion operator P = D^-1 G, with loops for G and D.
double directDse(const Matrix& z, double sigma, int t) {
  const Index n = z.rows();
  Eigen::MatrixXd p(n, n);
  for (Index i = 0; i < n; ++i) {
    double degree = 0.0;
    for (Index j = 0; j < n; ++j) {
      double d2 = 0.0;
      for (Index c = 0; c < z.cols(); ++c) d2 += (z(i, c) - z(j, c)) * (z(i, c) - z(j, c));
      p(i, j) = std::exp(-d2 / (2.0 * sigma * sigma));
      degree += p(i, j);
    }
    p.row(i) /= degree;
  }
  const Eigen::VectorXcd lambda = Eigen::EigenSolver<Eigen::MatrixXd>(p, false).eigenvalues();
  return entropyOfWeights(lambda.cwiseAbs().array().pow(t));
}

// directDse restricted to the k eigenvalues of P of largest magnitude.
double directDseTop(const Matrix& z, double sigma, int t, Index k) {
  const Index n = z.rows();
  Eigen::MatrixXd p(n, n);
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < n; ++j) p(i, j) = std::exp(-(z.row(i) - z.row(j)).squaredNorm() / (2.0 * sigma * sigma));
    p.row(i) /= p.row(i).sum();
  }
  Eigen::VectorXd magnitude = Eigen::EigenSolver<Eigen::MatrixXd>(p, false).eigenvalues().cwiseAbs();
  std::sort(magnitude.begin(), magnitude.end(), std::greater<>());
  return entropyOfWeights(magnitude.head(k).array().pow(t));
}

// m clusters of identical points with the given sizes, centres 1000 apart in 2-D.
Matrix pointClusters(const std::vector<Index>& sizes, Labels* labels = nullptr) {
  Index n = 0;
  for (Index s : sizes) n += s;
  Matrix z(n, 2);
  Index row = 0;
  for (std::size_t c = 0; c < sizes.size(); ++c)
    for (Index k = 0; k < sizes[c]; ++k, ++row) {
      z(row, 0) = 1000.0 * static_cast<double>(c);
      z(row, 1) = -700.0 * static_cast<double>(c);
      if (labels) labels->push_back(static_cast<std::int64_t>(c) * 3 + 1);
    }
  return z;
}

}  // namespace

class TestSpectral : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;

  double dse(const Json& params, const Matrix& z, Estimate* details = nullptr, std::uint64_t seed = 1) {
    std::unique_ptr<miwb::Estimator> est;
    if (!registry_.createEstimator("dse", params, est)) return NAN;
    RunContext ctx(seed);
    Estimate e;
    const Status s = est->entropy(Variable::continuous(z), ctx, e);
    if (!s) qWarning("%s", s.message().c_str());
    if (details) *details = e;
    return s ? e.valueNats : NAN;
  }
  Status runDsmi(const Json& params, const Variable& x, const Variable& y, Estimate& e) {
    std::unique_ptr<miwb::Estimator> est;
    MIWB_TRY(registry_.createEstimator("dsmi", params, est));
    RunContext ctx(1);
    return est->mutualInformation(x, y, ctx, e);
  }
  double dsmi(const Json& params, const Variable& x, const Variable& y) {
    Estimate e;
    const Status s = runDsmi(params, x, y, e);
    if (!s) qWarning("%s", s.message().c_str());
    return s ? e.valueNats : NAN;
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    QVERIFY2(registry_.estimator("dse") && registry_.estimator("dsmi"), "the spectral plugin was not found next to the test");
  }

  void identicalPointsHaveZeroEntropy() {
    for (int t : {1, 4}) QVERIFY(std::fabs(dse({{"t", t}}, Matrix::Constant(50, 3, -2.5))) < kFormula);
  }

  void separatedClustersHaveLogClusterCount() {
    const Matrix z = pointClusters({5, 10, 7, 3});
    for (int t : {1, 3}) QVERIFY(std::fabs(dse({{"t", t}}, z) - std::log(4.0)) < kFormula);
    // Every point its own cluster: ln N.
    QVERIFY(std::fabs(dse(Json::object(), pointClusters({1, 1, 1, 1, 1, 1, 1})) - std::log(7.0)) < kFormula);
  }

  void twoPointsHaveClosedForm() {
    for (double distance : {0.5, 3.0, 12.0})
      for (int t : {1, 2, 5}) {
        Matrix z(2, 1);
        z << 1.0, 1.0 + distance;
        const double sigma = 2.0, g = std::exp(-distance * distance / (2.0 * sigma * sigma));
        const double mu = std::pow((1.0 - g) / (1.0 + g), t);
        const double p1 = 1.0 / (1.0 + mu), p2 = mu / (1.0 + mu);
        const double expected = -p1 * std::log(p1) - p2 * std::log(p2);
        QVERIFY(std::fabs(dse({{"sigma", sigma}, {"t", t}}, z) - expected) < kFormula);
      }
  }

  void matchesDirectEvaluation() {
    const Matrix z = normalMatrix(9, 3, 5);
    for (double sigma : {0.7, 2.0})
      for (int t : {1, 2}) {
        const double expected = directDse(z, sigma, t);
        const double got = dse({{"sigma", sigma}, {"t", t}}, z);
        QVERIFY2(std::fabs(got - expected) < kFormula, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
      }
    // The median rule, as the shared numerics compute it.
    Estimate e;
    const double got = dse({{"width", "median"}}, z, &e);
    QVERIFY(std::fabs(got - directDse(z, miwb::medianPairwiseDistance(z), 1)) < kFormula);
    QVERIFY(std::fabs(e.details.at("dse_bits").get<double>() - got / std::log(2.0)) < 1e-14);
  }

  // Lanczos (Spectra) for the largest eigenvalues converges to 1e-10 relative; 1e-8 allows for that.
  void topEigenvaluesMatchTruncatedSpectrum() {
    const Matrix z = normalMatrix(120, 3, 9);
    for (Index k : {5, 20}) {
      const double expected = directDseTop(z, 1.0, 2, k);
      const double got = dse({{"sigma", 1.0}, {"t", 2}, {"eigenvalues", k}}, z);
      QVERIFY2(std::fabs(got - expected) < 1e-8, qPrintable(QString("k %1: %2 vs %3").arg(k).arg(got).arg(expected)));
    }
    // Too few rows for Lanczos to pay off: the full spectrum, exactly.
    const Matrix small = normalMatrix(9, 3, 5);
    QCOMPARE(dse({{"sigma", 0.7}, {"eigenvalues", 4}}, small), dse({{"sigma", 0.7}}, small));
  }

  // DSE depends on distances only: shifts, rotations and row order change nothing; with the median
  // rule the width follows the data, so scaling changes nothing either.
  void invariances() {
    const Matrix z = normalMatrix(80, 3, 7);
    const Json params{{"sigma", 1.5}};
    const double base = dse(params, z);
    const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(normalMatrix(3, 3, 8)).householderQ();
    const Matrix rotated = z * q;
    QVERIFY(std::fabs(dse(params, (z.array() + 4.0).matrix()) - base) < 1e-9);
    QVERIFY(std::fabs(dse(params, rotated) - base) < 1e-9);
    std::vector<Index> reversed;
    for (Index i = z.rows() - 1; i >= 0; --i) reversed.push_back(i);
    QVERIFY(std::fabs(dse(params, z(reversed, Eigen::all)) - base) < 1e-9);
    const double median = dse({{"width", "median"}}, z);
    QVERIFY(std::fabs(dse({{"width", "median"}}, z * 6.0) - median) < 1e-9);
  }

  // Each class one point far from the others: DSE(Z | y) = 0, and every random subset of a class's
  // size holds all m clusters (missing one has probability < (220/300)^80 ~ 2e-11 per subset), so its
  // DSE is ln m and DSMI = sum_y p(y) ln m = ln m.
  void dsmiOfSeparatedPointClassesIsLogClassCount() {
    Labels labels;
    const Matrix z = pointClusters({100, 80, 120}, &labels);
    const double expected = std::log(3.0);
    QVERIFY(std::fabs(dsmi(Json::object(), Variable::continuous(z), Variable::discrete(labels)) - expected) < kFormula);
    // The labelled side may come first.
    QVERIFY(std::fabs(dsmi(Json::object(), Variable::discrete(labels), Variable::continuous(z)) - expected) < kFormula);
  }

  // A single continuous column is cut into equal-width bins: classes at 0, 1, 2 with noise below a
  // third of a bin fall into bins exactly by class, so the result equals the one for the labels.
  void continuousColumnIsBinned() {
    const Matrix z = normalMatrix(150, 2, 11);
    Labels labels;
    Matrix column(150, 1);
    std::mt19937_64 rng(12);
    std::uniform_real_distribution<double> jitter(-0.05, 0.05);
    for (Index i = 0; i < 150; ++i) {
      labels.push_back((i * 7) % 3);
      column(i, 0) = static_cast<double>(labels.back()) + jitter(rng);
    }
    const Json params{{"width", "median"}, {"bins", 3}};
    const double withLabels = dsmi(params, Variable::continuous(z), Variable::discrete(labels));
    QCOMPARE(dsmi(params, Variable::continuous(z), Variable::continuous(column)), withLabels);
  }

  // Independent Z and Y: both terms are DSEs of random subsets of the same size from the same
  // distribution, so DSMI is a difference of sampling fluctuations. With N = 600, 3 classes and 5
  // repeats, 20 seeds gave mean -0.008 and standard deviation 0.013 (largest |DSMI| 0.037) against
  // conditional DSEs of ~1.5; 0.06 is 4.5 standard deviations. Classes shifted apart by 3 standard
  // deviations give ~0.6, ten times the bound.
  void dsmiNearZeroUnderIndependence() {
    const Index n = 600;
    const Matrix z = normalMatrix(n, 2, 21);
    Labels labels;
    std::mt19937_64 rng(22);
    for (Index i = 0; i < n; ++i) labels.push_back(static_cast<std::int64_t>(rng() % 3));
    const Json params{{"width", "median"}};
    const double independent = dsmi(params, Variable::continuous(z), Variable::discrete(labels));
    Matrix shifted = z;
    for (Index i = 0; i < n; ++i) shifted(i, 0) += 3.0 * static_cast<double>(labels[static_cast<std::size_t>(i)]);
    const double dependent = dsmi(params, Variable::continuous(shifted), Variable::discrete(labels));
    qInfo("DSMI independent %.5f, dependent %.5f", independent, dependent);
    QVERIFY(std::fabs(independent) < 0.06);
    QVERIFY(dependent > 0.2);
  }

  void subsamplesLargeInputs() {
    const Matrix z = normalMatrix(500, 2, 31);
    Estimate a, b;
    const double first = dse({{"max_samples", 200}, {"sigma", 1.0}}, z, &a, 4);
    QCOMPARE(a.details.at("samples").get<Index>(), Index{200});
    QCOMPARE(dse({{"max_samples", 200}, {"sigma", 1.0}}, z, &b, 4), first);
    QVERIFY(dse({{"max_samples", 200}, {"sigma", 1.0}}, z, &b, 5) != first);
  }

  void sameResultForAnyThreadCount() {
    const Matrix z = normalMatrix(300, 3, 41);
    Labels labels;
    for (Index i = 0; i < 300; ++i) labels.push_back(i % 4);
    double one = 0, two = 0, miOne = 0, miTwo = 0;
    const Json params{{"width", "median"}};
    tbb::task_arena(1).execute([&] {
      one = dse(params, z);
      miOne = dsmi(params, Variable::continuous(z), Variable::discrete(labels));
    });
    tbb::task_arena(2).execute([&] {
      two = dse(params, z);
      miTwo = dsmi(params, Variable::continuous(z), Variable::discrete(labels));
    });
    QVERIFY(one == two);  // bit-identical, not merely close
    QVERIFY(miOne == miTwo);
  }

  void refusesWhatItCannotDo() {
    std::unique_ptr<miwb::Estimator> est;
    QVERIFY(registry_.createEstimator("dse", Json::object(), est));
    RunContext ctx(1);
    Estimate e;
    const Variable z = Variable::continuous(normalMatrix(20, 2, 1));
    QCOMPARE(est->mutualInformation(z, z, ctx, e).code(), miwb::StatusCode::Unsupported);
    QCOMPARE(est->entropy(Variable::discrete(Labels(20, 1)), ctx, e).code(), miwb::StatusCode::InvalidInput);
    QCOMPARE(runDsmi(Json::object(), z, z, e).code(), miwb::StatusCode::Unsupported);
    QCOMPARE(runDsmi(Json::object(), Variable::discrete(Labels(20, 1)), Variable::discrete(Labels(20, 2)), e).code(),
             miwb::StatusCode::InvalidInput);
    const Status s = registry_.createEstimator("dsmi", {{"sigma", 0.0}}, est);
    QCOMPARE(s.code(), miwb::StatusCode::InvalidInput);
    QVERIFY(s.message().find("sigma") != std::string::npos);
  }

  void stopsWhenCancelled() {
    std::atomic<bool> cancel{true};
    RunContext ctx(1, &cancel);
    Estimate e;
    const Variable z = Variable::continuous(normalMatrix(60, 2, 1));
    std::unique_ptr<miwb::Estimator> est;
    QVERIFY(registry_.createEstimator("dse", Json::object(), est));
    QCOMPARE(est->entropy(z, ctx, e).code(), miwb::StatusCode::Cancelled);
    QVERIFY(registry_.createEstimator("dsmi", Json::object(), est));
    Labels labels;
    for (Index i = 0; i < 60; ++i) labels.push_back(i % 2);
    QCOMPARE(est->mutualInformation(z, Variable::discrete(labels), ctx, e).code(), miwb::StatusCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestSpectral)
#include "test_spectral.moc"
