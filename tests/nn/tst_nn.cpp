// The SDK's small neural-network library (miwb/nn): activations and backpropagation against central
// differences in both batch layouts, Adam and SGD against steps written out by hand, the
// optimisers' saved state, and the initialisers' order and ranges.
#include <QtTest>

#include <cmath>

#include "miwb/nn/activation.h"
#include "miwb/nn/init.h"
#include "miwb/nn/mlp.h"
#include "miwb/nn/optimizer.h"
#include "support/central_difference.h"

using miwb::nn::Activation;
using miwb::nn::Index;
using miwb::nn::Mat;

namespace {

template <class M>
M randomBatch(Index rows, Index cols, miwb::Random& rng) {
  M m(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) m(i, j) = rng.normal();
  return m;
}

// Largest |analytic - central difference| / max(1, |difference|) of L = sum(w .* mlp(x)) over every
// parameter and input entry. Central differences with h = 1e-5 are good to ~1e-9 here; a wrong or
// missing term is off by O(1e-2) or more.
template <class Batch>
double mlpGradientError(miwb::nn::Mlp& mlp, const Batch& x, const Batch& w) {
  miwb::nn::Trace<Batch> trace;
  auto loss = [&](const Batch& input) {
    miwb::nn::Trace<Batch> t;
    mlp.forward(input, t);
    return t.output().cwiseProduct(w).sum();
  };
  mlp.forward(x, trace);
  std::vector<miwb::nn::Layer> grads = mlp.zeroLayers();
  Batch dx;
  mlp.backward(x, trace, w, grads, &dx);
  double worst = 0;
  auto check = [&](double& p, double analytic, const auto& evaluate) {
    const double numeric = centralDifference(p, evaluate);
    worst = std::max(worst, std::fabs(analytic - numeric) / std::max(1.0, std::fabs(numeric)));
  };
  std::vector<Mat*> params = miwb::nn::parameterList(mlp.layers());
  std::vector<Mat*> g = miwb::nn::parameterList(grads);
  for (std::size_t t = 0; t < params.size(); ++t)
    for (Index e = 0; e < params[t]->size(); ++e) check(params[t]->data()[e], g[t]->data()[e], [&] { return loss(x); });
  Batch probe = x;
  for (Index i = 0; i < x.rows(); ++i)
    for (Index j = 0; j < x.cols(); ++j) check(probe(i, j), dx(i, j), [&] { return loss(probe); });
  return worst;
}

}  // namespace

class TestNn : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void activationsAgainstClosedForms() {
    Mat z(1, 4);
    z << -2.0, -0.5, 0.0, 1.5;
    auto post = [&](Activation f) {
      Mat out;
      miwb::nn::activate(f, z, out);
      return out;
    };
    const Mat relu = post(Activation::Relu), elu = post(Activation::Elu), sig = post(Activation::Sigmoid);
    QCOMPARE(relu(0, 0), 0.0);
    QCOMPARE(relu(0, 3), 1.5);
    QVERIFY(std::fabs(elu(0, 0) - (std::exp(-2.0) - 1.0)) < 1e-14);
    QCOMPARE(elu(0, 3), 1.5);
    QVERIFY(std::fabs(sig(0, 1) - 1.0 / (1.0 + std::exp(0.5))) < 1e-14);
    QVERIFY(std::fabs(post(Activation::Softsign)(0, 0) - (-2.0 / 3.0)) < 1e-14);
    QVERIFY(std::fabs(post(Activation::Tanh)(0, 3) - std::tanh(1.5)) < 1e-14);
    QCOMPARE(post(Activation::Linear), z);
    QCOMPARE(*miwb::nn::activationFromName("softsign"), Activation::Softsign);
    QVERIFY(!miwb::nn::activationFromName("swish"));
  }

  // Every activation's derivative, through a two-hidden-layer network, in both storage orders.
  void backpropagationMatchesFiniteDifferences_data() {
    QTest::addColumn<QString>("activation");
    for (const char* name : {"relu", "tanh", "elu", "sigmoid", "softsign", "linear"}) QTest::newRow(name) << QString(name);
  }
  void backpropagationMatchesFiniteDifferences() {
    QFETCH(QString, activation);
    const Activation f = *miwb::nn::activationFromName(activation.toStdString());
    miwb::Random rng(17);
    miwb::nn::Mlp mlp({3, 5, 4, 2}, f);
    miwb::nn::glorotUniform(mlp.layers(), rng);
    for (miwb::nn::Layer& layer : mlp.layers()) layer.bias = randomBatch<Mat>(1, layer.bias.cols(), rng) * 0.3;
    const auto x = randomBatch<miwb::nn::ColBatch>(6, 3, rng);
    const auto w = randomBatch<miwb::nn::ColBatch>(6, 2, rng);
    // relu's kink: no pre-activation within the difference step of 0.
    miwb::nn::Trace<miwb::nn::ColBatch> trace;
    mlp.forward(x, trace);
    for (std::size_t l = 0; l + 1 < trace.pre.size(); ++l) QVERIFY(trace.pre[l].cwiseAbs().minCoeff() > 1e-4);
    const double colError = mlpGradientError(mlp, x, w);
    const double rowError = mlpGradientError(mlp, miwb::nn::RowBatch(x), miwb::nn::RowBatch(w));
    QVERIFY2(colError < 1e-6, qPrintable(QString::number(colError)));
    QVERIFY2(rowError < 1e-6, qPrintable(QString::number(rowError)));
  }

  // Adam's first two steps written out: m1 = 0.1 g, v1 = 0.001 g^2, so step 1 moves every
  // parameter by lr g / (|g| + eps); then the bias-corrected second step.
  void adamAgainstHandComputedSteps() {
    Mat p(1, 2), g(1, 2);
    p << 1.0, -2.0;
    g << 0.5, -4.0;
    miwb::nn::Adam adam(0.1);
    adam.step({&p}, {&g});
    QVERIFY(std::fabs(p(0, 0) - (1.0 - 0.1 * 0.5 / (0.5 + 1e-8))) < 1e-14);
    QVERIFY(std::fabs(p(0, 1) - (-2.0 + 0.1 * 4.0 / (4.0 + 1e-8))) < 1e-14);
    const double p0 = p(0, 0);
    Mat g2(1, 2);
    g2 << -1.0, 2.0;
    adam.step({&p}, {&g2});
    const double m = 0.9 * 0.05 + 0.1 * -1.0, v = 0.999 * 0.00025 + 0.001 * 1.0;
    const double expected = p0 - 0.1 * (m / (1 - 0.81)) / (std::sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
    QVERIFY(std::fabs(p(0, 0) - expected) < 1e-12);  // pow and products round differently

    miwb::nn::Sgd sgd(0.5);
    sgd.step({&p}, {&g});
    QVERIFY(std::fabs(p(0, 0) - (expected - 0.25)) < 1e-14);
  }

  // A restored optimiser continues exactly as the original; a state for other shapes is refused.
  void optimiserStateRoundTrips() {
    miwb::Random rng(3);
    Mat a = randomBatch<Mat>(3, 2, rng), b = randomBatch<Mat>(1, 2, rng);
    Mat ga = randomBatch<Mat>(3, 2, rng), gb = randomBatch<Mat>(1, 2, rng);
    miwb::nn::Adam first(0.01);
    first.step({&a, &b}, {&ga, &gb});
    const std::vector<double> saved = first.state();
    QCOMPARE(saved.size(), std::size_t(1 + 2 * 6 + 2 * 2));
    Mat a2 = a, b2 = b;
    miwb::nn::Adam second(0.01);
    QVERIFY(second.restore(saved, {&a2, &b2}));
    first.step({&a, &b}, {&ga, &gb});
    second.step({&a2, &b2}, {&ga, &gb});
    QCOMPARE(a2, a);
    QCOMPARE(b2, b);
    Mat wrong(2, 2);
    miwb::nn::Adam third(0.01);
    QVERIFY(!third.restore(saved, {&wrong, &b2}));
    QVERIFY(third.restore({0.0}, {&wrong}));  // a fresh optimiser's state fits any shapes
    miwb::nn::Sgd sgd(0.1);
    QVERIFY(sgd.state().empty());
    QVERIFY(!sgd.restore(saved, {&a}));
  }

  // Glorot fills column by column from the stream, inside +/- sqrt(6 / (in + out)); the truncated
  // normal stays within 2 sd of sd 1/sqrt(fanIn) and has about that sd.
  void initialisers() {
    Mat w(3, 2);
    miwb::Random rng(5), replay(5);
    miwb::nn::glorotUniform(w, rng);
    const double limit = std::sqrt(6.0 / 5.0);
    for (Index j = 0; j < 2; ++j)
      for (Index i = 0; i < 3; ++i) QCOMPARE(w(i, j), limit * (2.0 * replay.uniform() - 1.0));
    Mat big(400, 300);
    miwb::nn::truncatedNormal(big, rng);
    const double sd = 1.0 / 20.0;
    QVERIFY(big.cwiseAbs().maxCoeff() <= 2 * sd);
    // A normal truncated at 2 sd has sd 0.8796 of the untruncated one; 120000 draws pin it to 0.3 %.
    const double measured = std::sqrt(big.squaredNorm() / static_cast<double>(big.size()));
    QVERIFY2(std::fabs(measured / sd - 0.8796) < 0.005, qPrintable(QString::number(measured / sd)));
  }
};

QTEST_GUILESS_MAIN(TestNn)
#include "tst_nn.moc"
