// Conditional mutual information I(X;Y|Z): ksg (Frenzel-Pompe, strata of a discrete Z) against
// brute-force loops, gaussian against the closed form of the sample covariance, binning against a
// table worked by hand, and the gaussian-cmi dataset's truths against the covariance of its model.
#include <QtTest>
#include <tbb/task_arena.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "../ksg/brute_force.h"
#include "brute_cmi.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "support/random_matrices.h"

using miwb::Estimate;
using miwb::Index;
using miwb::Json;
using miwb::Matrix;
using miwb::Variable;
using miwb::testing::normalMatrix;

namespace {

// (x, y, z) with x and y both depending on z and on each other.
struct Triple {
  Matrix x, y, z;
};
Triple dependentTriple(Index n, Index dx, Index dy, Index dz, std::uint64_t seed) {
  Triple t;
  t.z = normalMatrix(n, dz, seed);
  t.x = normalMatrix(n, dx, seed + 1);
  t.y = normalMatrix(n, dy, seed + 2);
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < dx; ++j) t.x(i, j) += 0.8 * t.z(i, j % dz);
    for (Index j = 0; j < dy; ++j) t.y(i, j) += 0.6 * t.z(i, j % dz) + 0.5 * t.x(i, j % dx);
  }
  return t;
}

Matrix rounded(Matrix m, double step) {
  for (Index i = 0; i < m.rows(); ++i)
    for (Index j = 0; j < m.cols(); ++j) m(i, j) = std::round(m(i, j) / step) * step;
  return m;
}

Matrix rowsOf(const Matrix& m, const std::vector<Index>& rows) {
  Matrix out(static_cast<Index>(rows.size()), m.cols());
  for (std::size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Index>(r)) = m.row(rows[r]);
  return out;
}

Matrix column(std::initializer_list<double> values) {
  Matrix m(static_cast<Index>(values.size()), 1);
  Index i = 0;
  for (double v : values) m(i++, 0) = v;
  return m;
}

// ln det of a symmetric block of `s` given by the index list.
double logDetOf(const Eigen::MatrixXd& s, const std::vector<Index>& idx) {
  Eigen::MatrixXd b(static_cast<Index>(idx.size()), static_cast<Index>(idx.size()));
  for (std::size_t i = 0; i < idx.size(); ++i)
    for (std::size_t j = 0; j < idx.size(); ++j) b(static_cast<Index>(i), static_cast<Index>(j)) = s(idx[i], idx[j]);
  return std::log(b.fullPivLu().determinant());
}

}  // namespace

class TestCmi : public QObject {
  Q_OBJECT

  miwb::PluginRegistry registry_;

  miwb::Status cmi(const std::string& id, const Json& params, const Variable& x, const Variable& y, const Variable& z,
                   Estimate& out, int threads = 2) {
    std::unique_ptr<miwb::Estimator> est;
    MIWB_TRY(registry_.createEstimator(id, params, est));
    miwb::RunContext ctx(1);
    tbb::task_arena arena(threads);
    miwb::Status status;
    arena.execute([&] { status = est->conditionalMutualInformation(x, y, z, ctx, out); });
    return status;
  }

  double cmiOf(const std::string& id, const Json& params, const Variable& x, const Variable& y, const Variable& z) {
    Estimate out;
    const miwb::Status s = cmi(id, params, x, y, z, out);
    if (!s) qWarning("%s", s.message().c_str());
    return s ? out.valueNats : NAN;
  }

  double ksgCmi(const Json& params, const Matrix& x, const Matrix& y, const Matrix& z) {
    return cmiOf("ksg", params, Variable::continuous(x), Variable::continuous(y), Variable::continuous(z));
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    for (const char* id : {"ksg", "gaussian", "binning", "kde-upper"})
      QVERIFY2(registry_.estimator(id), qPrintable(QString("plugin of '%1' not found").arg(id)));
    QVERIFY2(registry_.dataset("gaussian-cmi"), "the gaussian-cmi dataset was not found");
  }

  // Every search structure gives the brute-force sum, for 1-D and multivariate X, Y, Z and several k.
  void frenzelPompeMatchesBruteForce() {
    struct Dims {
      Index dx, dy, dz;
    };
    for (const Dims d : {Dims{1, 1, 1}, Dims{2, 1, 3}, Dims{3, 3, 3}}) {
      const Triple t = dependentTriple(150, d.dx, d.dy, d.dz, 10 + static_cast<std::uint64_t>(d.dx + 3 * d.dz));
      const Matrix sx = brute::standardize(t.x), sy = brute::standardize(t.y), sz = brute::standardize(t.z);
      for (int k : {1, 3, 5}) {
        const double expected = brute::frenzelPompe(sx, sy, sz, k);
        for (const char* search : {"auto", "kd-tree", "brute-force"}) {
          const double got = ksgCmi({{"k", k}, {"search", search}}, t.x, t.y, t.z);
          QVERIFY2(std::fabs(got - expected) < 1e-12,
                   qPrintable(QString("%1+%2+%3, k=%4, %5: %6 vs brute force %7")
                                  .arg(d.dx).arg(d.dy).arg(d.dz).arg(k).arg(search).arg(got, 0, 'g', 17)
                                  .arg(expected, 0, 'g', 17)));
        }
      }
      // Unstandardized values go in as they are.
      QVERIFY(std::fabs(ksgCmi({{"k", 3}, {"standardize", false}}, t.x, t.y, t.z) -
                        brute::frenzelPompe(t.x, t.y, t.z, 3)) < 1e-12);
    }
  }

  // Integer values: many equal distances, and duplicates that leave eps = 0 (no sample strictly
  // within, every count 0). Strict counting and the tie-breaks must agree with the loops exactly.
  void frenzelPompeWithTies() {
    const Triple t = dependentTriple(160, 2, 1, 2, 40);
    const Matrix x = rounded(t.x, 1.0), y = rounded(t.y, 1.0), z = rounded(t.z, 1.0);
    for (int k : {1, 3, 8})
      for (const char* search : {"kd-tree", "brute-force"}) {
        const double expected = brute::frenzelPompe(x, y, z, k);
        const double got = ksgCmi({{"k", k}, {"standardize", false}, {"search", search}}, x, y, z);
        QVERIFY2(std::fabs(got - expected) < 1e-12,
                 qPrintable(QString("k=%1 %2: %3 vs %4").arg(k).arg(search).arg(got).arg(expected)));
      }
  }

  void constantColumns() {
    const Triple t = dependentTriple(200, 1, 1, 2, 50);
    // A constant Z conditions on nothing: Frenzel-Pompe becomes KSG algorithm 1 (n_z = N - 1).
    const Matrix constantZ = Matrix::Constant(200, 1, 3.5);
    QVERIFY(std::fabs(ksgCmi({{"k", 3}}, t.x, t.y, constantZ) -
                      brute::ksg(brute::standardize(t.x), brute::standardize(t.y), 3, 1)) < 1e-12);
    // A constant X or Y carries no information: exactly 0.
    QCOMPARE(ksgCmi({{"k", 3}}, Matrix::Constant(200, 1, -1.0), t.y, t.z), 0.0);
    QCOMPARE(ksgCmi({{"k", 3}}, t.x, Matrix::Constant(200, 2, 7.0), t.z), 0.0);
    // A constant column inside Z is standardized to 0 and changes no distance.
    Matrix z3(200, 3);
    z3 << t.z, Matrix::Constant(200, 1, 2.0);
    QVERIFY(std::fabs(ksgCmi({{"k", 4}}, t.x, t.y, z3) -
                      brute::frenzelPompe(brute::standardize(t.x), brute::standardize(t.y), brute::standardize(z3), 4)) <
            1e-12);
  }

  // A Z of labels: the MI of each stratum (standardized on its own), weighted by its share; a value
  // seen k times or fewer is left out.
  void discreteZConditionsByStrata() {
    const Index n = 203;
    const Triple t = dependentTriple(n, 1, 2, 1, 60);
    miwb::Labels z(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) z[static_cast<std::size_t>(i)] = i < 200 ? (t.z(i, 0) > 0.4 ? 2 : (t.z(i, 0) < -0.6 ? -1 : 5)) : 9;
    const int k = 3;
    double weighted = 0;
    Index used = 0;
    for (std::int64_t value : {2, -1, 5}) {
      std::vector<Index> rows;
      for (Index i = 0; i < n; ++i)
        if (z[static_cast<std::size_t>(i)] == value) rows.push_back(i);
      QVERIFY(rows.size() > 20);
      weighted += static_cast<double>(rows.size()) *
                  brute::ksg(brute::standardize(rowsOf(t.x, rows)), brute::standardize(rowsOf(t.y, rows)), k, 1);
      used += static_cast<Index>(rows.size());
    }
    Estimate out;
    QVERIFY(cmi("ksg", {{"k", k}}, Variable::continuous(t.x), Variable::continuous(t.y), Variable::discrete(z), out));
    QVERIFY2(std::fabs(out.valueNats - weighted / static_cast<double>(used)) < 1e-12,
             qPrintable(QString("%1 vs %2").arg(out.valueNats).arg(weighted / static_cast<double>(used))));
    QCOMPARE(out.details.at("samples_used").get<Index>(), Index{200});
    QCOMPARE(out.details.at("strata_used").get<int>(), 3);
    QVERIFY(out.stderrNats && *out.stderrNats > 0);

    // Discrete Y within the strata: Ross's mixed estimator per stratum.
    miwb::Labels y(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) y[static_cast<std::size_t>(i)] = t.y(i, 0) > 0 ? 1 : 0;
    weighted = 0;
    for (std::int64_t value : {2, -1, 5}) {
      std::vector<Index> rows;
      miwb::Labels ys;
      for (Index i = 0; i < n; ++i)
        if (z[static_cast<std::size_t>(i)] == value) {
          rows.push_back(i);
          ys.push_back(y[static_cast<std::size_t>(i)]);
        }
      weighted += static_cast<double>(rows.size()) * brute::mixed(brute::standardize(rowsOf(t.x, rows)), ys, k);
    }
    QVERIFY(cmi("ksg", {{"k", k}}, Variable::continuous(t.x), Variable::discrete(y), Variable::discrete(z), out));
    QVERIFY(std::fabs(out.valueNats - weighted / static_cast<double>(used)) < 1e-12);

    // No stratum large enough: one clear error.
    const miwb::Status s = cmi("ksg", {{"k", 3}}, Variable::continuous(t.x.topRows(6)),
                               Variable::continuous(t.y.topRows(6)), Variable::discrete({1, 1, 2, 2, 3, 3}), out);
    QVERIFY(!s && s.message().find("k + 1 samples") != std::string::npos);
  }

  void sameResultOnAnyThreadCount() {
    const Triple t = dependentTriple(3000, 2, 2, 2, 70);
    const Variable x = Variable::continuous(t.x), y = Variable::continuous(t.y), z = Variable::continuous(t.z);
    Estimate one, two;
    QVERIFY(cmi("ksg", {{"k", 4}, {"noise", 1e-3}}, x, y, z, one, 1));
    QVERIFY(cmi("ksg", {{"k", 4}, {"noise", 1e-3}}, x, y, z, two, 2));
    QVERIFY(one.valueNats == two.valueNats);
  }

  void ksgRefusesWhatItCannot() {
    const Triple t = dependentTriple(50, 1, 1, 1, 80);
    Estimate out;
    miwb::Labels labels(50, 0);
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::int64_t>(i % 3);
    miwb::Status s = cmi("ksg", {}, Variable::discrete(labels), Variable::continuous(t.y), Variable::continuous(t.z), out);
    QVERIFY(!s && s.code() == miwb::StatusCode::InvalidInput);
    s = cmi("ksg", {{"algorithm", "2"}}, Variable::continuous(t.x), Variable::continuous(t.y), Variable::continuous(t.z), out);
    QVERIFY(!s && s.message().find("algorithm") != std::string::npos);
    s = cmi("ksg", {}, Variable::continuous(t.x), Variable::continuous(t.y), Variable::continuous(t.z.topRows(40)), out);
    QVERIFY(!s && s.message().find("40") != std::string::npos);
  }

  void gaussianMatchesSampleCovariance() {
    const Triple t = dependentTriple(400, 2, 1, 2, 90);
    Estimate out;
    QVERIFY(cmi("gaussian", {{"ridge", 0.0}}, Variable::continuous(t.x), Variable::continuous(t.y),
                Variable::continuous(t.z), out));
    const double expected = brute::gaussianCmi(t.x, t.y, t.z);
    QVERIFY2(std::fabs(out.valueNats - expected) < 1e-12, qPrintable(QString("%1 vs %2").arg(out.valueNats).arg(expected)));
    QCOMPARE(out.details.at("chi2_dof").get<int>(), 2);
    // The chain rule I(X;Y|Z) = I(X;(Y,Z)) - I(X;Z) holds for the sample covariance too.
    Matrix yz(400, 3);
    yz << t.y, t.z;
    std::unique_ptr<miwb::Estimator> est;
    QVERIFY(registry_.createEstimator("gaussian", {{"ridge", 0.0}}, est));
    miwb::RunContext ctx(1);
    Estimate a, b;
    QVERIFY(est->mutualInformation(Variable::continuous(t.x), Variable::continuous(yz), ctx, a));
    QVERIFY(est->mutualInformation(Variable::continuous(t.x), Variable::continuous(t.z), ctx, b));
    QVERIFY(std::fabs(out.valueNats - (a.valueNats - b.valueNats)) < 1e-12);
  }

  // z = 0: (x, y) pairs (0,0) x2, (0,1), (1,1) x3, so I = (1/6) ln 2 + (1/2) ln(3/2); z = 1: every pair
  // once, I = 0. I(X;Y|Z) = 6/10 of the first = 0.1 ln 2 + 0.3 ln 1.5. X and Z are values cut into 2
  // bins, Y labels.
  void binningMatchesHandTable() {
    const Matrix x = column({0, 0, 0, 1, 1, 1, 0, 0, 1, 1});
    const miwb::Labels y = {0, 0, 1, 1, 1, 1, 0, 1, 0, 1};
    const Matrix z = column({0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 3, 3, 3, 3});
    Estimate out;
    QVERIFY(cmi("binning", {{"bins", 2}}, Variable::continuous(x), Variable::discrete(y), Variable::continuous(z), out));
    QVERIFY(std::fabs(out.valueNats - (0.1 * std::log(2.0) + 0.3 * std::log(1.5))) < 1e-15);
    QCOMPARE(out.details.at("chi2_dof").get<int>(), 2);  // (2-1)(2-1) in each stratum
    // Conditioning on a constant is the plain plug-in MI.
    QVERIFY(cmi("binning", {{"bins", 2}}, Variable::continuous(x), Variable::discrete(y),
                Variable::discrete(miwb::Labels(10, 4)), out));
    std::unique_ptr<miwb::Estimator> est;
    QVERIFY(registry_.createEstimator("binning", {{"bins", 2}}, est));
    miwb::RunContext ctx(1);
    Estimate mi;
    QVERIFY(est->mutualInformation(Variable::continuous(x), Variable::discrete(y), ctx, mi));
    QVERIFY(std::fabs(out.valueNats - mi.valueNats) < 1e-15);
  }

  // The dataset's truths against the covariance of its model written out here: X = e1,
  // Z = c e1 + sqrt(1 - c^2) e2, Y = sqrt(R2) S / sd(S) + sqrt(1 - R2) e3 with S = (1 - f) X + f Z.
  void gaussianCmiTruth() {
    struct Case {
      int dim;
      double c, r2, f;
    };
    for (const Case cs : {Case{1, 0.8, 0.5, 0.5}, Case{3, -0.6, 0.9, 0.2}, Case{2, 0.9, 0.7, 1.0}, Case{1, 0.0, 0.3, 0.0}}) {
      const double s = std::sqrt(1 - cs.c * cs.c);
      Eigen::Matrix3d loadings;  // rows X, Y, Z on (e1, e2, e3)
      const double varS = (1 - cs.f) * (1 - cs.f) + cs.f * cs.f + 2 * cs.f * (1 - cs.f) * cs.c;
      const double a = std::sqrt(cs.r2 / varS);
      loadings << 1, 0, 0, a * ((1 - cs.f) + cs.f * cs.c), a * cs.f * s, std::sqrt(1 - cs.r2), cs.c, s, 0;
      const Eigen::Matrix3d cov = loadings * loadings.transpose();
      const double cmiTruth = cs.dim * 0.5 * (logDetOf(cov, {0, 2}) + logDetOf(cov, {1, 2}) - logDetOf(cov, {2}) - logDetOf(cov, {0, 1, 2}));
      const double miTruth = cs.dim * 0.5 * (logDetOf(cov, {0}) + logDetOf(cov, {1}) - logDetOf(cov, {0, 1}));
      std::unique_ptr<miwb::PairSource> source;
      const Json params = {{"dim", cs.dim}, {"rho_xz", cs.c}, {"strength", cs.r2}, {"through", cs.f}};
      QVERIFY(registry_.createPairSource("gaussian-cmi", params, source));
      QVERIFY(std::fabs(*source->trueConditionalMutualInformation() - cmiTruth) < 1e-12);
      QVERIFY(std::fabs(*source->trueMutualInformation() - miTruth) < 1e-12);
      if (cs.f == 1.0) QCOMPARE(*source->trueConditionalMutualInformation(), 0.0);  // the Markov chain, exactly
      // The sampler draws that covariance (N = 100 000: sampling error about 0.003).
      Variable x, y, z;
      miwb::RunContext ctx(5);
      QVERIFY(source->sampleConditioned(100000, ctx, x, y, z));
      Matrix xyz(100000, 3);
      xyz << x.values().col(0), y.values().col(0), z.values().col(0);
      const Matrix centred = xyz.rowwise() - xyz.colwise().mean();
      const Eigen::Matrix3d sample = centred.transpose() * centred / 99999.0;
      QVERIFY2((sample - cov).cwiseAbs().maxCoeff() < 0.015, qPrintable(QString("covariance off by %1").arg((sample - cov).cwiseAbs().maxCoeff())));
      // sample() gives the same X and Y.
      Variable x2, y2;
      miwb::RunContext ctx2(5);
      QVERIFY(source->sample(100000, ctx2, x2, y2));
      QVERIFY(x2.values() == x.values() && y2.values() == y.values());
    }
  }

  // ksg at N = 5000 against the truth, with and without maps, and the Markov chain's 0. kNN
  // estimates approach the truth from below as N grows, slowly in many dimensions (3 + 3 + 3 here),
  // so the bound is the scaling curve's own: the error at N = 5000 is at most 0.8 of the error on the
  // first 1250 of those samples (the curve closes in on the truth), or within 0.03 nats where that
  // error is at the noise level; and never beyond a quarter of the truth plus 0.03.
  void ksgOnGaussianCmiNearTruth() {
    struct Case {
      int dim;
      double c, r2, f;
      const char* transform;
    };
    for (const Case cs : {Case{1, 0.8, 0.5, 0.5, "none"}, Case{1, 0.8, 0.5, 0.5, "half-cube"}, Case{1, 0.5, 0.8, 0.2, "asinh"},
                          Case{3, 0.6, 0.5, 0.3, "none"}, Case{3, 0.6, 0.5, 0.3, "normal-cdf"}, Case{1, 0.9, 0.8, 1.0, "none"},
                          Case{3, 0.9, 0.8, 1.0, "asinh"}}) {
      std::unique_ptr<miwb::PairSource> source;
      QVERIFY(registry_.createPairSource(
          "gaussian-cmi", {{"dim", cs.dim}, {"rho_xz", cs.c}, {"strength", cs.r2}, {"through", cs.f}, {"transform", cs.transform}},
          source));
      Variable x, y, z;
      miwb::RunContext ctx(11);
      QVERIFY(source->sampleConditioned(5000, ctx, x, y, z));
      const double truth = *source->trueConditionalMutualInformation();
      const double full = cmiOf("ksg", {{"k", 4}}, x, y, z);
      std::vector<Index> first(1250);
      std::iota(first.begin(), first.end(), Index{0});
      const double quarter = cmiOf("ksg", {{"k", 4}}, x.subset(first), y.subset(first), z.subset(first));
      const QString what = QString("dim %1 through %2 %3: truth %4, N = 1250: %5, N = 5000: %6")
                               .arg(cs.dim).arg(cs.f).arg(cs.transform).arg(truth).arg(quarter).arg(full);
      qInfo("%s", qPrintable(what));
      const double error = std::fabs(full - truth);
      QVERIFY2(error <= std::max(0.03, 0.8 * std::fabs(quarter - truth)), qPrintable(what));
      QVERIFY2(error <= 0.25 * truth + 0.03, qPrintable(what));
    }
  }

  void estimatorsThatCannotConditionSaySo() {
    QVERIFY(registry_.estimator("ksg")->info->offersConditioning());
    QVERIFY(registry_.estimator("gaussian")->info->offersConditioning());
    QVERIFY(registry_.estimator("binning")->info->offersConditioning());
    QVERIFY(!registry_.estimator("kde-upper")->info->offersConditioning());
    QVERIFY(registry_.dataset("gaussian-cmi")->info->offersConditioning());
    const Triple t = dependentTriple(50, 1, 1, 1, 100);
    Estimate out;
    const miwb::Status s = cmi("kde-upper", {}, Variable::continuous(t.x), Variable::continuous(t.y), Variable::continuous(t.z), out);
    QVERIFY(!s && s.code() == miwb::StatusCode::Unsupported && s.message().find("cannot condition on Z") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestCmi)
#include "test_cmi.moc"
