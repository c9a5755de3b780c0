// The bmi dataset plugin: every task's closed-form truth against a Monte Carlo mean of the pointwise
// MI computed from densities written here, every mapped task's sample against its base sample mapped
// by the formulas of docs/benchmark.md, the samplers' moments, correlations and quantiles, the constants that
// docs/benchmark.md states (Czyz et al. 2023), and the messages for combinations that do not exist.
//
// Monte Carlo checks use a fixed seed and accept |mean - truth| < 4 standard errors: a wrong constant,
// dimension or dof in a formula moves the truth by far more than the errors here (printed per task).
#include <QtTest>
#include <cmath>
#include <numbers>
#include <set>

#include "maps.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "reference.h"

using miwb::Index;
using miwb::Json;
using miwb::Matrix;
using miwb::PairSide;
using miwb::PluginRegistry;
using miwb::RunContext;
using miwb::Status;
using miwb::Variable;
using namespace bmitest;

namespace {

constexpr Index kMonteCarloN = 20000;
constexpr double kSigmas = 4.0;

enum class Kind { Gaussian, Student, Additive };

// A base task as docs/benchmark.md states it, for the test's own densities.
struct BaseTask {
  std::string id;
  Kind kind;
  Index dx, dy;
  Eigen::MatrixXd joint;  // covariance (Gaussian) or dispersion (Student-t)
  double dof = 0.0;
  double noise = 0.0;
};

Eigen::MatrixXd dense(Index d, double rho) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Constant(d, d, rho);
  m.diagonal().setOnes();
  return m;
}

// corr(X_i, Y_i) = lambda^2 / (1 + lambda^2) for the first `pairs` coordinates, all else 0.
Eigen::MatrixXd sparse(Index dx, Index dy, Index pairs, double lambda) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(dx + dy, dx + dy);
  for (Index i = 0; i < pairs; ++i) m(i, dx + i) = m(dx + i, i) = lambda * lambda / (1.0 + lambda * lambda);
  return m;
}

std::vector<BaseTask> baseTasks() {
  std::vector<BaseTask> t;
  t.push_back({"1v1-normal-0.75", Kind::Gaussian, 1, 1, dense(2, 0.75)});
  for (Index d : {2, 3, 5, 25, 50})
    t.push_back({"multinormal-dense-" + std::to_string(d) + "-" + std::to_string(d) + "-0.5", Kind::Gaussian, d, d,
                 dense(2 * d, 0.5)});
  for (Index d : {2, 3, 5, 25})
    t.push_back({"multinormal-sparse-" + std::to_string(d) + "-" + std::to_string(d) + "-2-2.0", Kind::Gaussian, d, d,
                 sparse(d, d, 2, 2.0)});
  for (auto [d, dof] : {std::pair<Index, int>{1, 1}, {2, 1}, {2, 2}, {3, 2}, {3, 3}, {5, 2}, {5, 3}})
    t.push_back({"student-identity-" + std::to_string(d) + "-" + std::to_string(d) + "-" + std::to_string(dof),
                 Kind::Student, d, d, Eigen::MatrixXd::Identity(2 * d, 2 * d), static_cast<double>(dof)});
  t.push_back({"1v1-additive-0.1", Kind::Additive, 1, 1, {}, 0.0, 0.1});
  t.push_back({"1v1-additive-0.75", Kind::Additive, 1, 1, {}, 0.0, 0.75});
  return t;
}

// ln p(x, y) - ln p(x) - ln p(y) for every drawn row.
Eigen::VectorXd pointwiseMi(const BaseTask& t, const Matrix& x, const Matrix& y) {
  if (t.kind == Kind::Additive) {
    Eigen::VectorXd out(x.rows());
    for (Index i = 0; i < x.rows(); ++i) out(i) = -std::log(2.0 * t.noise) - additiveLogDensityY(y(i, 0), t.noise);
    return out;
  }
  const Eigen::MatrixXd sx = t.joint.topLeftCorner(t.dx, t.dx), sy = t.joint.bottomRightCorner(t.dy, t.dy);
  if (t.kind == Kind::Gaussian)
    return gaussianLogDensity(joined(x, y), t.joint) - gaussianLogDensity(x, sx) - gaussianLogDensity(y, sy);
  return studentLogDensity(joined(x, y), t.joint, t.dof) - studentLogDensity(x, sx, t.dof) -
         studentLogDensity(y, sy, t.dof);
}

// The closed form (docs/benchmark.md) for the dense Gaussian.
double denseClosedForm(Index dx, Index dy, double rho) {
  return 0.5 * (-std::log(1.0 - rho) + std::log(1.0 + (dx - 1) * rho) + std::log(1.0 + (dy - 1) * rho) -
                std::log(1.0 + (dx + dy - 1) * rho));
}

double maxRelativeDifference(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
  return ((a - b).array().abs() / (1.0 + b.array().abs())).maxCoeff();
}

Matrix mapped(const Matrix& m, double (*f)(double)) { return m.unaryExpr(f); }

}  // namespace

class BmiTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

  struct Drawn {
    Matrix x, y;
    double truth = NAN;
    std::optional<double> hx, hy;
  };

  Status draw(const Json& params, Index n, std::uint64_t seed, Drawn& out) {
    std::unique_ptr<miwb::PairSource> source;
    MIWB_TRY(registry.createPairSource("bmi", params, source));
    RunContext ctx(seed);
    Variable vx, vy;
    MIWB_TRY(source->sample(n, ctx, vx, vy));
    out.x = vx.values();
    out.y = vy.values();
    out.truth = source->trueMutualInformation().value_or(NAN);
    out.hx = source->trueEntropy(PairSide::X);
    out.hy = source->trueEntropy(PairSide::Y);
    return Status::ok();
  }

  Drawn task(const std::string& id, Index n = 10, std::uint64_t seed = 1) {
    Drawn d;
    const Status s = draw({{"task", id}}, n, seed, d);
    if (!s.isOk()) qFatal("%s: %s", id.c_str(), s.message().c_str());
    return d;
  }

  Drawn custom(Json params, Index n = 10, std::uint64_t seed = 1) {
    params["task"] = "custom";
    Drawn d;
    const Status s = draw(params, n, seed, d);
    if (!s.isOk()) qFatal("%s: %s", params.dump().c_str(), s.message().c_str());
    return d;
  }

  QString customError(Json params) {
    params["task"] = "custom";
    Drawn d;
    return QString::fromStdString(draw(params, 10, 1, d).message());
  }

  void checkMonteCarlo(const BaseTask& t, const Drawn& d) {
    const MeanAndError mc = meanAndError(pointwiseMi(t, d.x, d.y));
    qInfo("%-32s truth %.6f  MC %.6f +/- %.6f", t.id.c_str(), d.truth, mc.mean, mc.stderr_);
    QVERIFY2(std::fabs(mc.mean - d.truth) < kSigmas * mc.stderr_,
             qPrintable(QString("%1: truth %2, Monte Carlo %3 +/- %4")
                            .arg(QString::fromStdString(t.id))
                            .arg(d.truth)
                            .arg(mc.mean)
                            .arg(mc.stderr_)));
  }

 private Q_SLOTS:
  void initTestCase() {
    registry.scan(PluginRegistry::defaultSearchPath());
    QVERIFY2(registry.dataset("bmi"), "the bmi dataset plugin was not found");
  }

  // The `task` choices are the 40 ids plus `custom`; the metadata's task list names the same ids in
  // the same order with the dims the tasks really draw.
  void metadataListsTheFortyTasks() {
    const auto* entry = registry.dataset("bmi");
    const auto* spec = entry->info->params.find("task");
    QVERIFY(spec);
    QCOMPARE(spec->choices.size(), std::size_t(41));
    QCOMPARE(spec->choices.back(), std::string("custom"));
    const Json& tasks = entry->info->extra.at("tasks");
    QCOMPARE(tasks.size(), std::size_t(40));
    std::set<std::string> families;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      const std::string id = tasks[i].at("id");
      QCOMPARE(id, spec->choices[i]);
      QVERIFY(!tasks[i].at("label").get<std::string>().empty());
      families.insert(tasks[i].at("family").get<std::string>());
      const Drawn d = task(id, 5);
      QCOMPARE(d.x.cols(), tasks[i].at("dx").get<Index>());
      QCOMPARE(d.y.cols(), tasks[i].at("dy").get<Index>());
      QVERIFY2(std::isfinite(d.truth) && d.truth > 0.0, id.c_str());
      QVERIFY2(d.x.allFinite() && d.y.allFinite(), id.c_str());
    }
    QVERIFY(families.size() >= 4);
  }

  // The values docs/benchmark.md states, to 1e-6.
  void statedConstants() {
    QVERIFY(std::fabs(task("1v1-normal-0.75").truth - 0.413339) < 1e-6);
    QVERIFY(std::fabs(task("1v1-additive-0.1").truth - 1.709438) < 1e-6);
    QVERIFY(std::fabs(task("1v1-additive-0.75").truth - 1.0 / 3.0) < 1e-12);
    QVERIFY(std::fabs(task("student-identity-1-1-1").truth - 0.224171) < 1e-6);
    QVERIFY(std::fabs(task("student-identity-2-2-2").truth - (std::log(2.0) - 0.5)) < 1e-12);
    const double sparseTruth = -std::log(1.0 - 0.64);  // K = 2 pairs of -1/2 ln(1 - 0.8^2)
    QVERIFY(std::fabs(sparseTruth - 1.021651) < 1e-6);
    for (const auto& t : registry.dataset("bmi")->info->extra.at("tasks")) {
      const std::string id = t.at("id");
      if (id.find("multinormal-sparse") != std::string::npos)
        QVERIFY2(std::fabs(task(id).truth - sparseTruth) < 1e-12, id.c_str());
    }
    for (Index d : {2, 3, 5, 25, 50}) {
      const std::string id = "multinormal-dense-" + std::to_string(d) + "-" + std::to_string(d) + "-0.5";
      QVERIFY2(std::fabs(task(id).truth - denseClosedForm(d, d, 0.5)) < 1e-10, id.c_str());
    }
  }

  void truthMatchesMonteCarlo_data() {
    QTest::addColumn<int>("index");
    const auto tasks = baseTasks();
    for (std::size_t i = 0; i < tasks.size(); ++i) QTest::newRow(tasks[i].id.c_str()) << static_cast<int>(i);
  }
  void truthMatchesMonteCarlo() {
    QFETCH(int, index);
    const BaseTask t = baseTasks()[index];
    checkMonteCarlo(t, task(t.id, kMonteCarloN, 11 + index));
  }

  // A mapped task draws its base task's sample (same seed) and maps it; its truth is the base's.
  void mappedTasksMapTheBaseSample_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("base");
    for (const auto& t : registry.dataset("bmi")->info->extra.at("tasks")) {
      const std::string id = t.at("id");
      for (const char* prefix : {"normal_cdf-", "half_cube-", "asinh-", "spiral-normal_cdf-", "spiral-", "wiggly-",
                                 "swissroll_x-normal_cdf-"}) {
        if (id.rfind(prefix, 0) == 0) {
          QTest::newRow(id.c_str()) << QString::fromStdString(id)
                                    << QString::fromStdString(id.substr(std::strlen(prefix)));
          break;
        }
      }
      if (id == "1v1-bimodal-0.75") QTest::newRow(id.c_str()) << QString::fromStdString(id) << "1v1-normal-0.75";
    }
  }
  void mappedTasksMapTheBaseSample() {
    QFETCH(QString, id);
    QFETCH(QString, base);
    const Drawn d = task(id.toStdString(), 2000, 5);
    const Drawn b = task(base.toStdString(), 2000, 5);
    QCOMPARE(d.truth, b.truth);
    Matrix ex, ey;
    if (id.startsWith("normal_cdf-")) {
      ex = mapped(b.x, phi), ey = mapped(b.y, phi);
    } else if (id.startsWith("half_cube-")) {
      auto f = [](double t) { return std::copysign(std::pow(std::fabs(t), 1.5), t); };
      ex = b.x.unaryExpr(f), ey = b.y.unaryExpr(f);
    } else if (id.startsWith("asinh-")) {
      auto f = [](double t) { return std::copysign(std::log(std::fabs(t) + std::hypot(t, 1.0)), t); };
      ex = b.x.unaryExpr(f), ey = b.y.unaryExpr(f);
    } else if (id.startsWith("spiral-normal_cdf-")) {
      ex = spiralled(mapped(b.x, phi), 0, 1), ey = spiralled(mapped(b.y, phi), 1, 2);
    } else if (id.startsWith("spiral-")) {
      ex = spiralled(b.x, 0, 1), ey = spiralled(b.y, 1, 2);
    } else if (id.startsWith("wiggly-")) {
      ex = b.x.unaryExpr([](double t) {
        return t + 0.4 * std::sin(t) + 0.2 * std::sin(1.7 * t + 1) + 0.03 * std::sin(3.3 * t - 2.5);
      });
      ey = b.y.unaryExpr([](double t) {
        return t - 0.4 * std::sin(0.4 * t) + 0.17 * std::sin(1.3 * t + 3.5) + 0.02 * std::sin(4.3 * t - 2.5);
      });
    } else if (id.startsWith("swissroll_x-")) {
      ex.resize(b.x.rows(), 2);
      for (Index i = 0; i < b.x.rows(); ++i) {
        const double t = 1.5 * std::numbers::pi * (1.0 + 2.0 * phi(b.x(i, 0)));
        ex(i, 0) = t * std::cos(t) / 21.0;
        ex(i, 1) = t * std::sin(t) / 21.0;
      }
      ey = mapped(b.y, phi);
    } else if (id == "1v1-bimodal-0.75") {
      // The bimodal value is the mixture quantile of Phi(base): check it through the mixture's CDF.
      const std::vector<std::pair<double, double>> mx = {{0.3, 0.0}, {0.7, 5.0}}, my = {{0.5, -1.0}, {0.5, 3.0}};
      ex = d.x.unaryExpr([&](double v) { return mixtureCdf(v, mx); });
      ey = d.y.unaryExpr([&](double v) { return mixtureCdf(v, my); });
      QVERIFY(maxRelativeDifference(ex, mapped(b.x, phi)) < 1e-12);
      QVERIFY(maxRelativeDifference(ey, mapped(b.y, phi)) < 1e-12);
      return;
    }
    QVERIFY2(maxRelativeDifference(d.x, ex) < 1e-12, qPrintable(id));
    QVERIFY2(maxRelativeDifference(d.y, ey) < 1e-12, qPrintable(id));
  }

  // The bimodal quantile holds in both tails, where Phi(t) rounds to 0 or 1.
  void bimodalQuantileInTheTails() {
    const auto mixture = miwb::bmi::NormalMixture::bimodalX();
    for (double t : {-30.0, -12.0, -6.0, -1.0, 0.0, 0.3, 2.0, 6.0, 9.0, 12.0, 30.0}) {
      const double x = mixture.quantileOfNormal(t);
      QVERIFY(std::isfinite(x));
      // The tail that is small at t, in relative terms: the lower one, or 1 - F against 1 - Phi.
      const double lhs = t <= 0 ? 0.3 * std::erfc(-x / std::sqrt(2.0)) + 0.7 * std::erfc(-(x - 5.0) / std::sqrt(2.0))
                                : 0.3 * std::erfc(x / std::sqrt(2.0)) + 0.7 * std::erfc((x - 5.0) / std::sqrt(2.0));
      const double rhs = std::erfc(std::fabs(t) / std::sqrt(2.0));
      QVERIFY2(std::fabs(lhs / rhs - 1.0) < 1e-10, qPrintable(QString("t = %1: %2 vs %3").arg(t).arg(lhs).arg(rhs)));
    }
  }

  // Means 0, variances 1 and every correlation rho for the dense Gaussian; corr(X_i, Y_i) = 0.8 for
  // the two sparse pairs and 0 elsewhere.
  void gaussianSamplersHaveTheStatedMoments() {
    const Index n = 20000;
    const double se = 1.0 / std::sqrt(static_cast<double>(n));
    const Drawn d = task("multinormal-dense-5-5-0.5", n, 3);
    const Matrix v = joined(d.x, d.y);
    for (Index j = 0; j < v.cols(); ++j) {
      QVERIFY(std::fabs(v.col(j).mean()) < kSigmas * se);
      QVERIFY(std::fabs(v.col(j).squaredNorm() / n - 1.0) < kSigmas * std::sqrt(2.0) * se);
      for (Index k = j + 1; k < v.cols(); ++k)
        QVERIFY2(std::fabs(correlation(v.col(j), v.col(k)) - 0.5) < kSigmas * 0.75 * se,
                 qPrintable(QString("%1,%2").arg(j).arg(k)));
    }
    const Drawn s = task("multinormal-sparse-5-5-2-2.0", n, 4);
    const Matrix w = joined(s.x, s.y);
    for (Index j = 0; j < w.cols(); ++j)
      for (Index k = j + 1; k < w.cols(); ++k) {
        const bool pair = k == j + 5 && j < 2;
        const double expected = pair ? 0.8 : 0.0, sd = pair ? (1.0 - 0.64) * se : se;
        QVERIFY2(std::fabs(correlation(w.col(j), w.col(k)) - expected) < kSigmas * sd,
                 qPrintable(QString("%1,%2").arg(j).arg(k)));
      }
  }

  // Normal-CDF marginals are uniform on [0, 1] (Kolmogorov-Smirnov at the 0.1 % level).
  void normalCdfMarginalsAreUniform() {
    const Index n = 20000;
    const Drawn d = task("normal_cdf-multinormal-sparse-5-5-2-2.0", n, 6);
    const Matrix v = joined(d.x, d.y);
    QVERIFY(v.minCoeff() >= 0.0 && v.maxCoeff() <= 1.0);
    for (Index j = 0; j < v.cols(); ++j) QVERIFY(uniformKsDistance(v.col(j)) < 1.95 / std::sqrt(double(n)));
  }

  // X ~ U(0, 1); the noise Y - X is uniform on [-e, e]; Y stays in [-e, 1 + e].
  void additiveNoiseIsUniform() {
    const Index n = 20000;
    for (double e : {0.1, 0.75}) {
      const Drawn d = task(e == 0.1 ? "1v1-additive-0.1" : "1v1-additive-0.75", n, 7);
      QVERIFY(d.x.minCoeff() >= 0.0 && d.x.maxCoeff() < 1.0);
      QVERIFY(d.y.minCoeff() >= -e && d.y.maxCoeff() <= 1.0 + e);
      QVERIFY(uniformKsDistance(d.x.col(0)) < 1.95 / std::sqrt(double(n)));
      const Eigen::VectorXd noise = ((d.y - d.x).array() + e) / (2.0 * e);
      QVERIFY(uniformKsDistance(noise) < 1.95 / std::sqrt(double(n)));
    }
  }

  // Student-t marginals: tail probabilities of t_1 (Cauchy), t_2 and t_3 from their CDFs; the shared
  // chi-square shows in the radial law P(X1^2 + X2^2 > r^2) = (1 + r^2/nu)^(-nu/2) of a bivariate t
  // (independent divisors would give another law); the variance nu/(nu-2) where the fourth moment is finite.
  void studentSamplersHaveTheStatedTails() {
    const Index n = 40000;
    const double nn = static_cast<double>(n);
    auto tail = [](double nu, double q) {  // P(|T| > q)
      if (nu == 1.0) return 1.0 - 2.0 / std::numbers::pi * std::atan(q);
      if (nu == 2.0) return 1.0 - q / std::sqrt(2.0 + q * q);
      const double s = q / std::sqrt(3.0);  // nu = 3
      return 1.0 - 2.0 / std::numbers::pi * (s / (1.0 + s * s) + std::atan(s));
    };
    for (auto [id, nu] : {std::pair<const char*, double>{"student-identity-1-1-1", 1.0},
                          {"student-identity-2-2-2", 2.0},
                          {"student-identity-3-3-3", 3.0}}) {
      const Drawn d = task(id, n, 8);
      const Matrix v = joined(d.x, d.y);
      for (double q : {0.5, 1.0, 3.0, 10.0}) {
        const double p = tail(nu, q);
        const double seen = (v.col(0).array().abs() > q).cast<double>().mean();
        QVERIFY2(std::fabs(seen - p) < kSigmas * std::sqrt(p * (1 - p) / nn),
                 qPrintable(QString("%1 q=%2: %3 vs %4").arg(id).arg(q).arg(seen).arg(p)));
        const Eigen::ArrayXd r2 = v.col(0).array().square() + v.col(1).array().square();
        const double radial = std::pow(1.0 + q * q / nu, -nu / 2.0);
        const double seenRadial = (r2 > q * q).cast<double>().mean();
        QVERIFY2(std::fabs(seenRadial - radial) < kSigmas * std::sqrt(radial * (1 - radial) / nn),
                 qPrintable(QString("%1 radial q=%2: %3 vs %4").arg(id).arg(q).arg(seenRadial).arg(radial)));
      }
    }
    // nu = 6, dense dispersion 0.3: variance 1.5, covariance 0.45; kurtosis 3 + 6/(nu - 4) = 6.
    const Drawn d = custom({{"family", "student-dense"}, {"dx", 2}, {"dy", 2}, {"rho", 0.3}, {"dof", 6.0}}, n, 9);
    const Matrix v = joined(d.x, d.y);
    for (Index j = 0; j < 4; ++j) {
      QVERIFY(std::fabs(v.col(j).squaredNorm() / nn - 1.5) < kSigmas * 1.5 * std::sqrt(5.0 / nn));
      for (Index k = j + 1; k < 4; ++k) QVERIFY(std::fabs(correlation(v.col(j), v.col(k)) - 0.3) < 0.03);
    }
  }

  // Families at other dims and strengths keep their closed forms.
  void customFamiliesKeepClosedForms() {
    Drawn d = custom({{"family", "normal-dense"}, {"dx", 2}, {"dy", 4}, {"rho", 0.3}}, kMonteCarloN, 21);
    QVERIFY(std::fabs(d.truth - denseClosedForm(2, 4, 0.3)) < 1e-12);
    checkMonteCarlo({"custom normal-dense 2x4 0.3", Kind::Gaussian, 2, 4, dense(6, 0.3)}, d);

    d = custom({{"family", "normal-dense"}, {"dx", 3}, {"dy", 2}, {"rho", -0.2}}, kMonteCarloN, 22);
    QVERIFY(std::fabs(d.truth - denseClosedForm(3, 2, -0.2)) < 1e-12);
    checkMonteCarlo({"custom normal-dense 3x2 -0.2", Kind::Gaussian, 3, 2, dense(5, -0.2)}, d);

    // lambda = 1: corr 1/2 for three pairs, I = -3/2 ln(3/4).
    d = custom({{"family", "normal-sparse"}, {"dx", 4}, {"dy", 6}, {"pairs", 3}, {"strength", 1.0}}, kMonteCarloN, 23);
    QVERIFY(std::fabs(d.truth + 1.5 * std::log(0.75)) < 1e-12);
    checkMonteCarlo({"custom normal-sparse 4x6 K=3 1.0", Kind::Gaussian, 4, 6, sparse(4, 6, 3, 1.0)}, d);

    d = custom({{"family", "student-dense"}, {"dx", 2}, {"dy", 3}, {"rho", 0.4}, {"dof", 4.0}}, kMonteCarloN, 24);
    checkMonteCarlo({"custom student-dense 2x3 0.4 nu=4", Kind::Student, 2, 3, dense(5, 0.4), 4.0}, d);

    d = custom({{"family", "student-dense"}, {"dx", 1}, {"dy", 2}, {"rho", 0.0}, {"dof", 1.5}}, kMonteCarloN, 25);
    checkMonteCarlo({"custom student-dense 1x2 0 nu=1.5", Kind::Student, 1, 2, dense(3, 0.0), 1.5}, d);

    for (double e : {0.3, 0.5, 0.6, 2.0}) {
      d = custom({{"family", "additive-uniform"}, {"noise", e}}, kMonteCarloN, 26);
      QVERIFY(std::fabs(d.truth - (e <= 0.5 ? e - std::log(2 * e) : 1 / (4 * e))) < 1e-12);
      checkMonteCarlo({"custom additive " + std::to_string(e), Kind::Additive, 1, 1, {}, 0.0, e}, d);
    }

    // A map keeps the base's truth.
    const Drawn base = custom({{"family", "normal-dense"}, {"dx", 2}, {"dy", 3}, {"rho", 0.2}});
    const Drawn spun =
        custom({{"family", "normal-dense"}, {"dx", 2}, {"dy", 3}, {"rho", 0.2}, {"transform", "spiral"}});
    QCOMPARE(spun.truth, base.truth);
    QVERIFY(maxRelativeDifference(spun.x, spiralled(base.x, 0, 1)) < 1e-12);
  }

  // True entropies: closed forms against the Monte Carlo mean of -ln p, and through the change of
  // variables for the maps that keep one; none where there is no closed form.
  void trueEntropies() {
    struct Case {
      Json params;
      BaseTask reference;
    };
    const std::vector<Case> cases = {
        {{{"task", "multinormal-dense-3-3-0.5"}}, {"dense 3x3", Kind::Gaussian, 3, 3, dense(6, 0.5)}},
        {{{"task", "multinormal-sparse-5-5-2-2.0"}}, {"sparse 5x5", Kind::Gaussian, 5, 5, sparse(5, 5, 2, 2.0)}},
        {{{"task", "student-identity-2-2-1"}}, {"student 2x2 nu=1", Kind::Student, 2, 2, dense(4, 0.0), 1.0}},
        {{{"task", "custom"}, {"family", "student-dense"}, {"dx", 2}, {"dy", 3}, {"rho", 0.4}, {"dof", 3.0}},
         {"student 2x3 0.4 nu=3", Kind::Student, 2, 3, dense(5, 0.4), 3.0}},
    };
    for (const auto& c : cases) {
      Drawn d;
      QVERIFY(draw(c.params, kMonteCarloN, 31, d).isOk());
      QVERIFY(d.hx && d.hy);
      const BaseTask& t = c.reference;
      const Eigen::MatrixXd sx = t.joint.topLeftCorner(t.dx, t.dx), sy = t.joint.bottomRightCorner(t.dy, t.dy);
      const Eigen::VectorXd lx =
          t.kind == Kind::Gaussian ? gaussianLogDensity(d.x, sx) : studentLogDensity(d.x, sx, t.dof);
      const Eigen::VectorXd ly =
          t.kind == Kind::Gaussian ? gaussianLogDensity(d.y, sy) : studentLogDensity(d.y, sy, t.dof);
      const MeanAndError mx = meanAndError(-lx), my = meanAndError(-ly);
      qInfo("%-22s H(X) %.5f MC %.5f +/- %.5f   H(Y) %.5f MC %.5f +/- %.5f", t.id.c_str(), *d.hx, mx.mean, mx.stderr_,
            *d.hy, my.mean, my.stderr_);
      QVERIFY(std::fabs(*d.hx - mx.mean) < kSigmas * mx.stderr_);
      QVERIFY(std::fabs(*d.hy - my.mean) < kSigmas * my.stderr_);
      // I = H(X) + H(Y) - H(X, Y), with the joint entropy by Monte Carlo too.
      const Eigen::VectorXd lj = t.kind == Kind::Gaussian ? gaussianLogDensity(joined(d.x, d.y), t.joint)
                                                          : studentLogDensity(joined(d.x, d.y), t.joint, t.dof);
      QVERIFY(std::fabs(*d.hx + *d.hy + lj.mean() - d.truth) < kSigmas * meanAndError(lj + lx + ly).stderr_ + 1e-9);
    }
    // Additive: H(X) = 0, H(Y) from the trapezoid density.
    for (double e : {0.1, 0.75}) {
      const Drawn d = task(e == 0.1 ? "1v1-additive-0.1" : "1v1-additive-0.75", kMonteCarloN, 32);
      QCOMPARE(*d.hx, 0.0);
      const MeanAndError my = meanAndError(-d.y.col(0).unaryExpr([e](double y) { return additiveLogDensityY(y, e); }));
      QVERIFY2(std::fabs(*d.hy - my.mean) < kSigmas * my.stderr_,
               qPrintable(QString("%1 vs %2").arg(*d.hy).arg(my.mean)));
    }
    // Maps of standard normal coordinates: H(f(V)) = H(V) + sum_j E ln f'(V_j), the sum by Monte Carlo.
    const Drawn base = task("multinormal-sparse-3-3-2-2.0");
    const Eigen::VectorXd z = task("multinormal-sparse-3-3-2-2.0", kMonteCarloN, 33).x.reshaped();
    const MeanAndError logPhi =
        meanAndError(z.unaryExpr([](double t) { return -0.5 * t * t - 0.5 * std::log(2 * std::numbers::pi); }));
    const MeanAndError logHalfCube =
        meanAndError(z.unaryExpr([](double t) { return std::log(1.5 * std::sqrt(std::fabs(t))); }));
    for (auto [id, slope] : {std::pair<const char*, MeanAndError>{"normal_cdf-multinormal-sparse-3-3-2-2.0", logPhi},
                             {"spiral-normal_cdf-multinormal-sparse-3-3-2-2.0", logPhi},
                             {"half_cube-multinormal-sparse-3-3-2-2.0", logHalfCube},
                             {"spiral-multinormal-sparse-3-3-2-2.0", MeanAndError{}}}) {
      const Drawn d = task(id);
      QVERIFY2(d.hx && d.hy, id);
      QVERIFY2(std::fabs(*d.hx - *base.hx - 3.0 * slope.mean) < kSigmas * 3.0 * slope.stderr_ + 1e-12, id);
      QVERIFY2(std::fabs(*d.hy - *base.hy - 3.0 * slope.mean) < kSigmas * 3.0 * slope.stderr_ + 1e-12, id);
    }
    for (const char* id : {"wiggly-1v1-normal-0.75", "1v1-bimodal-0.75", "asinh-student-identity-2-2-1",
                           "swissroll_x-normal_cdf-1v1-normal-0.75"}) {
      const Drawn d = task(id);
      QVERIFY2(!d.hx && !d.hy, id);
    }
  }

  // Same seed, same sample; another seed, another.
  void samplesAreReproducible() {
    const Drawn a = task("student-identity-3-3-2", 100, 42), b = task("student-identity-3-3-2", 100, 42);
    const Drawn c = task("student-identity-3-3-2", 100, 43);
    QCOMPARE(maxRelativeDifference(a.x, b.x), 0.0);
    QVERIFY(maxRelativeDifference(a.x, c.x) > 0.0);
  }

  // Combinations that do not exist: one sentence naming the parameter.
  void badInputsNameTheParameter() {
    auto expect = [&](const Json& params, const char* parameter, const char* words) {
      const QString message = customError(params);
      QVERIFY2(message.contains(QString("'%1'").arg(parameter)) && message.contains(words),
               qPrintable(QString::fromStdString(params.dump()) + " -> " + message));
    };
    expect({{"transform", "spiral"}, {"dx", 1}, {"dy", 3}}, "dx", "dx >= 2");
    expect({{"transform", "spiral"}, {"dx", 2}, {"dy", 2}}, "dy", "dy >= 3");
    expect({{"transform", "spiral-normal_cdf"}, {"dx", 3}, {"dy", 1}}, "dy", "dy >= 3");
    expect({{"transform", "wiggly"}, {"dx", 3}}, "dx", "1-D");
    expect({{"transform", "bimodal"}, {"dy", 2}}, "dy", "1-D");
    expect({{"transform", "swissroll_x"}, {"dx", 2}}, "dx", "1-D");
    expect({{"family", "additive-uniform"}, {"dx", 2}}, "dx", "1+1");
    expect({{"family", "additive-uniform"}, {"dy", 3}}, "dy", "1+1");
    expect({{"family", "normal-dense"}, {"dx", 2}, {"dy", 2}, {"rho", -0.4}}, "rho", "(-0.333333, 1)");
    expect({{"family", "student-dense"}, {"dx", 5}, {"dy", 5}, {"rho", -0.2}}, "rho", "positive definite");
    expect({{"family", "normal-sparse"}, {"dx", 2}, {"dy", 5}, {"pairs", 3}}, "pairs", "min(dx, dy) = 2");
    // Just inside the bound is fine.
    QVERIFY(customError({{"family", "normal-dense"}, {"dx", 2}, {"dy", 2}, {"rho", -0.33}}).isEmpty());

    // The host checks the choice; the plugin itself, called with an unknown id, lists the families.
    Drawn d;
    const QString hostMessage = QString::fromStdString(draw({{"task", "2v2-normal"}}, 10, 1, d).message());
    QVERIFY2(hostMessage.startsWith("unknown task '2v2-normal' for 'bmi': expected a task id of bmi's families") &&
                 hostMessage.contains("multinormal-sparse-D-D-2-2.0") && !hostMessage.contains("multinormal-dense-25-25-0.5"),
             qPrintable(hostMessage));
    const auto* entry = registry.dataset("bmi");
    Json resolved;
    QVERIFY(entry->info->params.resolve(Json::object(), "bmi", resolved).isOk());
    resolved["task"] = "2v2-normal";
    std::unique_ptr<miwb::PairSource> source;
    const QString pluginMessage =
        QString::fromStdString(entry->plugin->datasetFactory->createPairSource("bmi", resolved, source).message());
    QVERIFY2(pluginMessage.contains("'task'") && pluginMessage.contains("2v2-normal") &&
                 pluginMessage.contains("multinormal-sparse") && pluginMessage.contains("student-identity"),
             qPrintable(pluginMessage));

    std::unique_ptr<miwb::PairSource> ok;
    QVERIFY(registry.createPairSource("bmi", {{"task", "1v1-normal-0.75"}}, ok).isOk());
    RunContext ctx(1);
    Variable x, y;
    QVERIFY(ok->sample(0, ctx, x, y).message().find("at least 1") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(BmiTest)
#include "test_bmi.moc"
