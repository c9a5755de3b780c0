// Tests of the neural variational estimators: hand-written gradients against finite differences,
// bound formulas against brute force, and the trained estimators against Gaussian ground truth.
#include <QtTest>
#include <atomic>
#include <cmath>
#include <tbb/task_arena.h>

#include "bounds.h"
#include "critic.h"
#include "gaussian_pairs.h"
#include "gradient_check.h"
#include "miwb/host/plugin_registry.h"

using miwb::Json;
using miwb::neural::BoundKind;
using miwb::neural::Index;
using miwb::neural::Mat;

namespace {

Mat randomMatrix(Index rows, Index cols, std::mt19937_64& rng, double scale = 1.0) {
  std::normal_distribution<double> normal(0.0, scale);
  Mat m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

}  // namespace

class TestNeural : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;

  // Runs estimator `id` with `params` in an arena of `threads` threads.
  miwb::Status run(const std::string& id, const Json& params, const miwb::Variable& x, const miwb::Variable& y,
                   std::uint64_t seed, miwb::Estimate& out, int threads = 2, const std::atomic<bool>* cancel = nullptr) {
    std::unique_ptr<miwb::Estimator> est;
    miwb::Status status = registry_.createEstimator(id, params, est);
    if (!status) return status;
    miwb::RunContext ctx(seed, cancel);
    tbb::task_arena arena(threads);
    arena.execute([&] { status = est->mutualInformation(x, y, ctx, out); });
    return status;
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    for (const char* id : {"dv", "mine", "nwj", "infonce", "smile", "wdm"})
      QVERIFY2(registry_.estimator(id), id);
  }

  // Backpropagation through both critics and every activation agrees with central differences of
  // L = sum_ij W_ij f(x_i, y_j). Central differences are accurate to ~1e-9 here, while a wrong
  // term in a backward pass is off by O(1): 1e-6 separates the two.
  void criticGradients_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("activation");
    for (const char* act : {"relu", "tanh", "elu"}) {
      QTest::addRow("separable-%s", act) << int(miwb::neural::CriticKind::Separable) << QString(act);
      QTest::addRow("joint-%s", act) << int(miwb::neural::CriticKind::Joint) << QString(act);
    }
  }
  void criticGradients() {
    QFETCH(int, kind);
    QFETCH(QString, activation);
    miwb::neural::CriticShape shape;
    shape.kind = static_cast<miwb::neural::CriticKind>(kind);
    shape.hidden = {6, 5};
    shape.embedding = 4;
    QVERIFY(miwb::neural::parseActivation(activation.toStdString(), shape.activation));
    std::mt19937_64 rng(11);
    auto critic = miwb::neural::makeCritic(shape, 3, 2, rng);
    // Non-zero biases so that the check also covers them away from the initial zeros.
    for (Mat* p : critic->parameters()) *p += randomMatrix(p->rows(), p->cols(), rng, 0.3);
    const Index k = 5;
    const Mat x = randomMatrix(k, 3, rng), y = randomMatrix(k, 2, rng), w = randomMatrix(k, k, rng);
    const double error = criticGradientError(*critic, x, y, w);
    QVERIFY2(error < 1e-6, qPrintable(QString("relative gradient error %1").arg(error)));
  }

  // The training gradient w.r.t. the scores is the gradient of the bound (DV, NWJ, InfoNCE, WDM),
  // of the Jensen-Shannon bound (SMILE), or DV's with the moving average (MINE; equal to DV's when
  // the average is the current batch's mean, i.e. on the first step).
  void scoreGradients() {
    std::mt19937_64 rng(5);
    const Mat f = randomMatrix(6, 6, rng, 2.0);
    Mat dF;
    for (BoundKind kind : {BoundKind::Dv, BoundKind::Nwj, BoundKind::InfoNce, BoundKind::Wdm, BoundKind::Mine}) {
      miwb::neural::TrainingObjective objective(kind, 5.0, 0.01);
      objective.gradient(f, dF);
      auto value = [&](const Mat& s) { return miwb::neural::boundValue(kind, s, 5.0); };
      QVERIFY(scoreGradientError(value, f, dF) < 1e-6);
    }
    miwb::neural::TrainingObjective smile(BoundKind::Smile, 5.0, 0.01);
    smile.gradient(f, dF);
    QVERIFY(scoreGradientError([](const Mat& s) { return miwb::neural::jensenShannon(s); }, f, dF) < 1e-6);
    // MINE's second step uses the average of two batch means, not the second batch's own.
    miwb::neural::TrainingObjective mine(BoundKind::Mine, 5.0, 0.5);
    mine.gradient(f, dF);
    const Mat f2 = f.array() + 1.0;
    mine.gradient(f2, dF);
    const double n = 30.0;
    const double mean1 = (f.array().exp().sum() - f.diagonal().array().exp().sum()) / n;
    const double average = 0.5 * mean1 + 0.5 * std::exp(1.0) * mean1;
    QVERIFY(std::fabs(dF(0, 1) - (-std::exp(f2(0, 1)) / (n * average))) < 1e-12);
  }

  // Bound values against the formulas written out with loops on a 3 x 3 example.
  void boundValues() {
    Mat f(3, 3);
    f << 2.0, -1.0, 0.5, 0.3, 1.5, -7.0, 6.0, 0.1, 3.0;
    double diag = (2.0 + 1.5 + 3.0) / 3.0, sumExp = 0, sumClipped = 0, sumOff = 0, nce = 0;
    const double tau = 2.0;
    for (int i = 0; i < 3; ++i) {
      double rowSum = 0;
      for (int j = 0; j < 3; ++j) {
        rowSum += std::exp(f(i, j));
        if (i == j) continue;
        sumExp += std::exp(f(i, j));
        sumClipped += std::min(std::max(std::exp(f(i, j)), std::exp(-tau)), std::exp(tau));
        sumOff += f(i, j);
      }
      nce += f(i, i) - std::log(rowSum);
    }
    using miwb::neural::boundValue;
    QVERIFY(std::fabs(boundValue(BoundKind::Dv, f, tau) - (diag - std::log(sumExp / 6))) < 1e-12);
    QVERIFY(std::fabs(boundValue(BoundKind::Nwj, f, tau) - (diag - std::exp(-1.0) * sumExp / 6)) < 1e-12);
    QVERIFY(std::fabs(boundValue(BoundKind::InfoNce, f, tau) - (std::log(3.0) + nce / 3)) < 1e-12);
    QVERIFY(std::fabs(boundValue(BoundKind::Smile, f, tau) - (diag - std::log(sumClipped / 6))) < 1e-12);
    QVERIFY(std::fabs(boundValue(BoundKind::Wdm, f, tau) - (diag - sumOff / 6)) < 1e-12);
  }
};

QTEST_GUILESS_MAIN(TestNeural)
#include "tst_neural.moc"
