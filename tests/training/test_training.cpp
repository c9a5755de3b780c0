// The in-app training run of the "mlp-training" dataset plugin: backprop against finite differences,
// the recorded-epoch schedule, learning the 12-bit task, determinism across thread counts and runs,
// parameter errors and cancellation.
#include <QTemporaryDir>
#include <QtTest>
#include <tbb/task_arena.h>

#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <random>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/stores/activation_store.h"
#include "miwb/io/npy.h"
#include "network.h"
#include "recorded_epochs.h"
#include "support/central_difference.h"
#include "training_params.h"

using miwb::Json;
using miwb::Matrix;
using miwb::RunContext;
using miwb::Status;
using miwb::StatusCode;

namespace {

// A small, fast configuration of the 12-bit network (the default widths, fewer epochs).
Json quickParams(int epochs, int recorded) {
  return {{"epochs", epochs}, {"recorded_epochs", recorded}, {"learning_rate", 0.01}};
}

// Everything a store holds, for bit-for-bit comparisons.
std::vector<Matrix> allActivations(const miwb::ActivationStore& store) {
  std::vector<Matrix> out;
  for (int l = 0; l < static_cast<int>(store.layers().size()); ++l)
    for (int e = 0; e < static_cast<int>(store.epochs().size()); ++e) {
      Matrix m;
      if (!store.activation(l, e, m)) return {};
      out.push_back(std::move(m));
    }
  return out;
}

bool bitIdentical(const std::vector<Matrix>& a, const std::vector<Matrix>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].rows() != b[i].rows() || a[i].cols() != b[i].cols()) return false;
    if (std::memcmp(a[i].data(), b[i].data(), sizeof(double) * static_cast<std::size_t>(a[i].size())) != 0)
      return false;
  }
  return true;
}

}  // namespace

class TestTraining : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;

  Status train(const Json& params, std::unique_ptr<miwb::ActivationStore>& store, std::uint64_t seed = 1,
               const std::atomic<bool>* cancel = nullptr, RunContext::MetricFn metric = {},
               const QString& checkpointFolder = {}, RunContext::ProgressFn progress = {}) {
    RunContext ctx(seed, cancel);
    if (metric) ctx.setMetricCallback(std::move(metric));
    if (progress) ctx.setProgressCallback(std::move(progress));
    if (!checkpointFolder.isEmpty()) {
      Json withFolder = params;
      withFolder["checkpoint_folder"] = checkpointFolder.toStdString();
      return registry_.openActivationStore("mlp-training", withFolder, ctx, store);
    }
    return registry_.openActivationStore("mlp-training", params, ctx, store);
  }

 private Q_SLOTS:
  void initTestCase() {
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    QVERIFY2(registry_.dataset("mlp-training"), "the mlp-training plugin was not found next to the test");
  }

  void gradientMatchesFiniteDifferences_data() {
    QTest::addColumn<QString>("activation");
    for (const char* name : {"tanh", "relu", "sigmoid", "softsign", "linear"}) QTest::newRow(name) << QString(name);
  }

  // Central differences have error O(h^2) ~ 1e-12 and rounding error ~ 1e-16 / h ~ 1e-10 in the
  // loss (which is O(1)), so analytic and numeric gradients agree to ~1e-8; a wrong derivative or a
  // missing term is off by far more than the 1e-6 allowed.
  void gradientMatchesFiniteDifferences() {
    QFETCH(QString, activation);
    const auto act = miwb::mlp_training::activationFromName(activation.toStdString());
    QVERIFY(act);
    miwb::mlp_training::Network net({4, 5, 3, 3}, *act);
    miwb::Random rng(7);
    net.initialise(miwb::mlp_training::WeightInit::GlorotUniform, rng);
    for (auto& layer : net.layers())
      for (Eigen::Index j = 0; j < layer.bias.size(); ++j) layer.bias(j) = 0.3 * rng.normal();
    Matrix x(9, 4);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
    const std::vector<int> classes{0, 1, 2, 2, 1, 0, 0, 2, 1};
    const double decay = 0.03;

    miwb::mlp_training::ForwardPass pass;
    miwb::mlp_training::Gradients grads;
    net.forward(x, pass);
    net.backward(x, pass, classes, decay, grads);
    // ReLU has a kink at 0: a pre-activation within h of it would make the difference quotient wrong.
    for (std::size_t l = 0; l + 1 < pass.trace.pre.size(); ++l) QVERIFY(pass.trace.pre[l].cwiseAbs().minCoeff() > 1e-4);

    const double h = 1e-5;
    auto lossAt = [&] {
      miwb::mlp_training::ForwardPass p;
      net.forward(x, p);
      return net.loss(p, classes, decay);
    };
    auto check = [&](double& param, double analytic, const char* what) {
      const double numeric = centralDifference(param, lossAt, h);
      if (std::fabs(numeric - analytic) > 1e-6 * std::max(1.0, std::fabs(numeric)))
        QFAIL(qPrintable(QString("%1: analytic %2 vs numeric %3").arg(what).arg(analytic).arg(numeric)));
    };
    int checked = 0;
    for (std::size_t l = 0; l < net.layers().size(); ++l) {
      auto& layer = net.layers()[l];
      for (Eigen::Index i = 0; i < layer.weights.rows(); ++i)
        for (Eigen::Index j = 0; j < layer.weights.cols(); ++j, ++checked)
          check(layer.weights(i, j), grads[l].weights(i, j), "weight");
      for (Eigen::Index j = 0; j < layer.bias.size(); ++j, ++checked) check(layer.bias(j), grads[l].bias(j), "bias");
    }
    QCOMPARE(checked, 4 * 5 + 5 + 5 * 3 + 3 + 3 * 3 + 3);
  }

  // 100000 draws: the sample sd is within ~0.3% (1 standard error) of the truth, so 2% catches a
  // wrong scale (fan-out instead of fan-in, a missing truncation) with no false alarms.
  void initialisationHasTheStatedDistribution() {
    miwb::mlp_training::Network net({1000, 100}, miwb::mlp_training::Activation::Tanh);
    miwb::Random rng(11);
    auto sd = [](const Eigen::MatrixXd& w) { return std::sqrt((w.array() - w.mean()).square().mean()); };
    net.initialise(miwb::mlp_training::WeightInit::TruncatedNormal, rng);
    const Eigen::MatrixXd& w = net.layers()[0].weights;
    const double scale = 1.0 / std::sqrt(1000.0);
    QVERIFY(w.cwiseAbs().maxCoeff() <= 2.0 * scale);
    // sd of a standard normal truncated to [-2, 2]: sqrt(1 - 4 phi(2) / (2 Phi(2) - 1)) = 0.87962.
    QVERIFY(std::fabs(sd(w) / scale - 0.87962) < 0.02);
    QVERIFY(std::fabs(w.mean()) < 5 * scale / std::sqrt(double(w.size())));
    net.initialise(miwb::mlp_training::WeightInit::GlorotUniform, rng);
    const double range = std::sqrt(6.0 / 1100.0);
    QVERIFY(w.cwiseAbs().maxCoeff() <= range);
    QVERIFY(std::fabs(sd(w) / (range / std::sqrt(3.0)) - 1.0) < 0.02);
    QCOMPARE(net.layers()[0].bias.cwiseAbs().maxCoeff(), 0.0);
  }

  void softmaxRowsAreProbabilities() {
    miwb::mlp_training::Network net({3, 4, 5}, miwb::mlp_training::Activation::Tanh);
    miwb::Random rng(3);
    net.initialise(miwb::mlp_training::WeightInit::TruncatedNormal, rng);
    Matrix x = Matrix::Constant(2, 3, 50.0);  // large inputs: the shifted softmax must not overflow
    miwb::mlp_training::ForwardPass pass;
    net.forward(x, pass);
    for (Eigen::Index i = 0; i < 2; ++i) QVERIFY(std::fabs(pass.probabilities.row(i).sum() - 1.0) < 1e-12);
    QVERIFY(pass.probabilities.allFinite());
  }

  void recordedEpochsAreLogSpaced() {
    QCOMPARE(miwb::mlp_training::logSpacedEpochs(1000, 4), (std::vector<int>{1, 10, 100, 1000}));
    QCOMPARE(miwb::mlp_training::logSpacedEpochs(100, 3), (std::vector<int>{1, 10, 100}));
    QCOMPARE(miwb::mlp_training::logSpacedEpochs(5, 10), (std::vector<int>{1, 2, 3, 4, 5}));
    QCOMPARE(miwb::mlp_training::logSpacedEpochs(7, 1), (std::vector<int>{7}));
    QCOMPARE(miwb::mlp_training::logSpacedEpochs(1, 5), (std::vector<int>{1}));
    const std::vector<int> e = miwb::mlp_training::logSpacedEpochs(3000, 40);
    QVERIFY(e.size() > 25 && e.size() <= 40);  // early points collide after rounding (1, 1, 2, 2, ...)
    QCOMPARE(e.front(), 1);
    QCOMPARE(e.back(), 3000);
    for (std::size_t i = 1; i < e.size(); ++i) {
      QVERIFY(e[i] > e[i - 1]);
      // log spacing: once rounding no longer matters, each step multiplies by 3000^(1/39) ~ 1.228.
      if (e[i - 1] >= 50) QVERIFY(std::fabs(double(e[i]) / e[i - 1] - std::pow(3000.0, 1.0 / 39)) < 0.02);
    }
  }

  // The default 12-10-7-5-4-3-2 tanh network, briefly trained, classifies the training rows well
  // above the majority rate; the store has the documented shape.
  void learnsTheTwelveBitTask() {
    std::unique_ptr<miwb::ActivationStore> store;
    std::vector<double> losses;
    const Status s = train(quickParams(150, 5), store, 1, nullptr, [&](const std::string& name, double, double v) {
      if (name == "train loss") losses.push_back(v);
    });
    QVERIFY2(s, s.message().c_str());
    QCOMPARE(store->layers(), (std::vector<std::string>{"layer1", "layer2", "layer3", "layer4", "layer5", "output"}));
    QCOMPARE(store->epochs().back(), 150);
    QCOMPARE(losses.size(), std::size_t(150));
    QVERIFY(losses.back() < 0.5 * losses.front());

    const miwb::Labels& y = store->labels().labels();
    const std::vector<bool> mask = store->trainMask();
    QCOMPARE(mask.size(), std::size_t(4096));
    QCOMPARE(std::count(mask.begin(), mask.end(), true), 3277L);  // round(0.8 * 4096)
    Matrix output;
    QVERIFY(store->activation(5, static_cast<int>(store->epochs().size()) - 1, output));
    QCOMPARE(output.cols(), Eigen::Index(2));
    int hits = 0, train = 0, ones = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
      if (!mask[i]) continue;
      ++train;
      ones += y[i] == 1;
      hits += (output(Eigen::Index(i), 1) > output(Eigen::Index(i), 0)) == (y[i] == 1);
    }
    const double acc = double(hits) / train, majority = std::max(ones, train - ones) / double(train);
    qInfo("train accuracy after 150 epochs: %.3f (majority class %.3f)", acc, majority);
    QVERIFY(acc > majority + 0.25);
    Matrix first;
    QVERIFY(store->activation(0, 0, first));
    QCOMPARE(first.cols(), Eigen::Index(10));
    QVERIFY(first.cwiseAbs().maxCoeff() < 1.0);  // tanh
  }

  void sameSeedIsBitIdenticalAcrossThreadsAndRuns() {
    const Json params = quickParams(12, 4);
    std::vector<Matrix> runs[3];
    for (int r = 0; r < 3; ++r) {
      tbb::task_arena arena(r == 1 ? 2 : 1);
      std::unique_ptr<miwb::ActivationStore> store;
      Status s;
      arena.execute([&] { s = train(params, store, 5); });
      QVERIFY2(s, s.message().c_str());
      runs[r] = allActivations(*store);
    }
    QVERIFY(bitIdentical(runs[0], runs[1]));  // 1 vs 2 threads
    QVERIFY(bitIdentical(runs[0], runs[2]));  // two runs, 1 thread

    std::unique_ptr<miwb::ActivationStore> other;
    QVERIFY(train(params, other, 6));
    const auto different = allActivations(*other);
    QVERIFY(!bitIdentical(runs[0], different));
    QVERIFY((different.back() - runs[0].back()).cwiseAbs().maxCoeff() > 1e-3);
    // An explicit seed overrides the run's seed.
    Json seeded = params;
    seeded["seed"] = 5;
    QVERIFY(train(seeded, other, 99));
    Json seededAgain = seeded;
    std::unique_ptr<miwb::ActivationStore> again;
    QVERIFY(train(seededAgain, again, 1234));
    QVERIFY(bitIdentical(allActivations(*other), allActivations(*again)));
  }

  // Pinned outputs of the training as it was before its network, activations and optimizers moved
  // to the SDK's nn library (miwb/nn): the move must not change a single bit of any recorded store.
  // One row per activation, both optimizers and both initialisations, weight decay on and off.
  void recordedBitsArePinned_data() {
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("hash");
    QTest::newRow("tanh adam truncated-normal") << QByteArray(R"({"activation": "tanh"})") << "aa1068b03694ce6e";
    QTest::newRow("relu sgd glorot") << QByteArray(R"({"activation": "relu", "optimizer": "sgd", "learning_rate": 0.1, "init": "glorot-uniform"})") << "c5511de2973fc507";
    QTest::newRow("sigmoid adam decay") << QByteArray(R"({"activation": "sigmoid", "weight_decay": 0.01, "init": "glorot-uniform"})") << "df2e0aaa991de7b8";
    QTest::newRow("softsign adam") << QByteArray(R"({"activation": "softsign", "hidden": [6, 4]})") << "28668c610c39d82c";
    QTest::newRow("linear sgd decay") << QByteArray(R"({"activation": "linear", "optimizer": "sgd", "learning_rate": 0.05, "weight_decay": 0.02})") << "2368e09945bbdb20";
  }
  void recordedBitsArePinned() {
    QFETCH(QByteArray, params);
    QFETCH(QString, hash);
    Json p = Json::parse(params.toStdString());
    p["epochs"] = 20;
    p["recorded_epochs"] = 4;
    if (!p.contains("learning_rate")) p["learning_rate"] = 0.01;
    std::unique_ptr<miwb::ActivationStore> store;
    const Status s = train(p, store, 3);
    QVERIFY2(s, s.message().c_str());
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over every recorded double's bytes
    for (const Matrix& m : allActivations(*store)) {
      const auto* bytes = reinterpret_cast<const unsigned char*>(m.data());
      for (std::size_t i = 0; i < sizeof(double) * static_cast<std::size_t>(m.size()); ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    }
    const QString got = QString::number(h, 16);
    qInfo("recorded bits hash %s", qPrintable(got));
    QCOMPARE(got, hash);
  }

  void badParametersNameTheParameter_data() {
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("named");
    QTest::newRow("zero width") << QByteArray(R"({"hidden": [10, 0, 5]})") << "hidden";
    QTest::newRow("train fraction > 1") << QByteArray(R"({"train_fraction": 1.5})") << "train_fraction";
    QTest::newRow("train fraction 0") << QByteArray(R"({"train_fraction": 0})") << "train_fraction";
    QTest::newRow("missing file") << QByteArray(R"({"data": "/nonexistent/run.csv"})") << "data";
    QTest::newRow("unknown activation") << QByteArray(R"({"activation": "gelu"})") << "activation";
    QTest::newRow("zero epochs") << QByteArray(R"({"epochs": 0})") << "epochs";
  }

  void badParametersNameTheParameter() {
    QFETCH(QByteArray, params);
    QFETCH(QString, named);
    std::unique_ptr<miwb::ActivationStore> store;
    const Status s = train(Json::parse(params.toStdString()), store);
    QCOMPARE(s.code(), StatusCode::InvalidInput);
    const std::string quoted = QString("'%1'").arg(named).toStdString();
    QVERIFY2(s.message().find(quoted) != std::string::npos, s.message().c_str());
  }

  // Callers that skip the registry get a named error for a missing or mistyped parameter (ranges
  // are the schema's job: the plugin keeps no second copy of them).
  void directCallsAreCheckedToo() {
    Json resolved;
    QVERIFY(registry_.dataset("mlp-training")->info->params.resolve(Json::object(), "mlp-training", resolved));
    miwb::mlp_training::TrainingRequest request;
    RunContext ctx(1);
    QVERIFY(miwb::mlp_training::readTrainingParams(resolved, ctx, request));
    QCOMPARE(request.config.hidden, (std::vector<int>{10, 7, 5, 4, 3}));
    QCOMPARE(request.config.seed, std::uint64_t(1));  // seed auto = the run's seed
    Json missing = resolved;
    missing.erase("train_fraction");
    Status s = miwb::mlp_training::readTrainingParams(missing, ctx, request);
    QCOMPARE(QString::fromStdString(s.message()), QString("parameter 'train_fraction' of 'mlp-training' is missing"));
    Json mistyped = resolved;
    mistyped["hidden"] = {4, "wide"};
    s = miwb::mlp_training::readTrainingParams(mistyped, ctx, request);
    QCOMPARE(QString::fromStdString(s.message()),
             QString("parameter 'hidden' of 'mlp-training' must be an integer, got \"wide\""));
    Json empty = resolved;
    empty["hidden"] = Json::array();
    s = miwb::mlp_training::readTrainingParams(empty, ctx, request);
    QVERIFY(!s && s.message().find("'hidden'") != std::string::npos);
  }

  void csvDataWithIntegerLabelsTrains() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("blobs.csv").toStdString();
    {
      std::ofstream csv(path);
      csv << "a,b,label\n";
      std::mt19937_64 rng(2);
      std::normal_distribution<double> normal;
      // Labels 3 and 7 (not 0/1): classes are the distinct labels in ascending order.
      for (int i = 0; i < 200; ++i) {
        const int label = i % 2 ? 7 : 3;
        const double centre = label == 7 ? 2.0 : -2.0;
        csv << centre + 0.5 * normal(rng) << "," << centre + 0.5 * normal(rng) << "," << label << "\n";
      }
    }
    std::unique_ptr<miwb::ActivationStore> store;
    const Status s = train({{"data", path}, {"hidden", {4}}, {"epochs", 30}, {"recorded_epochs", 2},
                            {"learning_rate", 0.05}, {"batch_size", 32}}, store);
    QVERIFY2(s, s.message().c_str());
    QCOMPARE(store->inputs().values().cols(), Eigen::Index(2));
    QCOMPARE(store->labels().labels()[0], std::int64_t(3));
    Matrix output;
    QVERIFY(store->activation(1, 1, output));
    int hits = 0;
    for (Eigen::Index i = 0; i < output.rows(); ++i)
      hits += (output(i, 1) > output(i, 0)) == (store->labels().labels()[std::size_t(i)] == 7);
    QVERIFY(hits >= 196);  // blobs 4 sd apart per axis: essentially separable
  }

  void csvWithNonIntegerLabelsIsRejected() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("bad.csv").toStdString();
    std::ofstream(path) << "1,2,0\n3,4,1\n5,6,0.5\n";
    std::unique_ptr<miwb::ActivationStore> store;
    const Status s = train({{"data", path}}, store);
    QCOMPARE(s.code(), StatusCode::InvalidInput);
    QVERIFY2(s.message().find("'data'") != std::string::npos && s.message().find("row 3") != std::string::npos,
             s.message().c_str());
  }

  void cancellationStopsQuickly() {
    std::atomic<bool> cancel{false};
    double lastEpoch = 0;
    std::unique_ptr<miwb::ActivationStore> store;
    const Status s = train({{"epochs", 100000}}, store, 1, &cancel, [&](const std::string&, double epoch, double) {
      lastEpoch = epoch;
      cancel = true;
    });
    QCOMPARE(s.code(), StatusCode::Cancelled);
    QVERIFY(!store);
    QVERIFY(lastEpoch <= 2);  // stopped at the first minibatch after the flag was raised

    std::atomic<bool> already{true};
    QCOMPARE(train({}, store, 1, &already).code(), StatusCode::Cancelled);
  }

  // Stopped after some recorded epochs, a rerun into the same folder trains only the rest and ends
  // bit-identical to a run never stopped; the metrics of the whole run are reported again.
  void resumesFromTheLastRecordedEpoch() {
    const Json params = quickParams(40, 10);  // records epochs 1, 2, 3, 5, 8, 12, 18, 27 and 40
    std::unique_ptr<miwb::ActivationStore> whole;
    QVERIFY(train(params, whole, 3));
    const std::vector<int> recorded = whole->epochs();

    QTemporaryDir folder;
    std::atomic<bool> cancel{false};
    std::unique_ptr<miwb::ActivationStore> store;
    Status s = train(params, store, 3, &cancel, [&](const std::string&, double epoch, double) {
      if (epoch >= 25) cancel = true;
    }, folder.filePath("training"));
    QCOMPARE(s.code(), StatusCode::Cancelled);
    QVERIFY(QFileInfo::exists(folder.filePath("training/state.bin")));
    // The last recorded epoch before 25 is on disk; the next ones are not.
    const int lastBefore = *std::prev(std::upper_bound(recorded.begin(), recorded.end(), 25));
    QVERIFY(QFileInfo::exists(folder.filePath(QStringLiteral("training/epoch-%1.bin").arg(lastBefore))));
    QVERIFY(!QFileInfo::exists(folder.filePath("training/epoch-40.bin")));

    double firstProgress = -1;
    std::map<std::string, int> metricCounts;
    s = train(params, store, 3, nullptr, [&](const std::string& name, double, double) { ++metricCounts[name]; },
              folder.filePath("training"), [&](double f) {
                if (firstProgress < 0) firstProgress = f;
              });
    QVERIFY2(s, s.message().c_str());
    QCOMPARE(firstProgress, (lastBefore + 1) / 40.0);  // training went on after the recorded epoch
    QCOMPARE(metricCounts["train loss"], 40);           // every epoch's loss, replayed or new
    QCOMPARE(store->epochs(), recorded);
    QVERIFY(bitIdentical(allActivations(*store), allActivations(*whole)));

    // Other parameters in the same folder: trained afresh, not resumed from the other run's state.
    Json other = params;
    other["learning_rate"] = 0.02;
    firstProgress = -1;
    std::unique_ptr<miwb::ActivationStore> fresh;
    QVERIFY(train(other, fresh, 3, nullptr, {}, folder.filePath("training"), [&](double f) {
      if (firstProgress < 0) firstProgress = f;
    }));
    QCOMPARE(firstProgress, 1 / 40.0);

    // A damaged state is an error that says what to delete, not a crash or a silent restart.
    QFile damaged(folder.filePath("training/state.bin"));
    QVERIFY(damaged.open(QIODevice::ReadWrite));
    damaged.resize(damaged.size() / 2);
    damaged.close();
    s = train(other, fresh, 3, nullptr, {}, folder.filePath("training"));
    QCOMPARE(s.code(), StatusCode::InvalidInput);
    QVERIFY2(QString::fromStdString(s.message()).contains("state.bin"), s.message().c_str());
  }

  void savesTheStoreAsNpz() {
    QTemporaryDir dir;
    const QString path = dir.filePath("run.npz");
    std::unique_ptr<miwb::ActivationStore> store;
    Json params = quickParams(3, 3);
    params["save_path"] = path.toStdString();
    const Status s = train(params, store);
    QVERIFY2(s, s.message().c_str());
    std::unique_ptr<miwb::ActivationStore> loaded;
    const Status opened = miwb::openActivationStoreFile(path, loaded);
    QVERIFY2(opened, opened.message().c_str());
    QCOMPARE(loaded->layers(), store->layers());
    QCOMPARE(loaded->epochs(), store->epochs());
    QCOMPARE(loaded->trainMask(), store->trainMask());
    QVERIFY(bitIdentical(allActivations(*loaded), allActivations(*store)));

    // The saved file's x and y are labelled data in their own right.
    std::unique_ptr<miwb::ActivationStore> retrained;
    const Status again = train({{"data", path.toStdString()}, {"epochs", 2}, {"recorded_epochs", 1}}, retrained);
    QVERIFY2(again, again.message().c_str());
    QVERIFY(retrained->inputs().values() == store->inputs().values());
    QCOMPARE(retrained->labels().labels(), store->labels().labels());
  }

  // A folder with x.npy and y.npy, as `miwb-cli sample` writes it.
  void npyFolderData() {
    QTemporaryDir dir;
    Matrix x(6, 2);
    x << 0, 0, 0, 1, 1, 0, 1, 1, 2, 2, 3, 3;
    QVERIFY(miwb::writeFile(dir.filePath("x.npy"), miwb::encodeNpy(x)));
    QVERIFY(miwb::writeFile(dir.filePath("y.npy"), miwb::encodeNpy(miwb::Labels{0, 1, 1, 0, 2, 2})));
    std::unique_ptr<miwb::ActivationStore> store;
    const Status s = train({{"data", dir.path().toStdString()}, {"hidden", {3}}, {"epochs", 2}, {"recorded_epochs", 2}},
                           store);
    QVERIFY2(s, s.message().c_str());
    Matrix output;
    QVERIFY(store->activation(1, 0, output));
    QCOMPARE(output.cols(), Eigen::Index(3));  // three classes

    Matrix fractional(6, 1);
    fractional << 0, 1, 0.5, 1, 0, 1;
    QVERIFY(miwb::writeFile(dir.filePath("y.npy"), miwb::encodeNpy(fractional, true)));
    const Status bad = train({{"data", dir.path().toStdString()}}, store);
    QCOMPARE(bad.code(), StatusCode::InvalidInput);
    QVERIFY2(bad.message().find("'data'") != std::string::npos && bad.message().find("index 2") != std::string::npos,
             bad.message().c_str());
  }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "test_training.moc"
