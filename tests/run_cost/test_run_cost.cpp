// The cost shown before Run (miwb/host/run/run_cost.h, `miwb-cli run --dry-run`): the task counts of the
// bundled examples (the plane's from the training's parameters, without training), an estimate
// that is positive and grows with N, the store selection, and a dry run that writes nothing. How
// close the estimate comes to real times is measured in bench/run_cost.sh, not here.
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/run_cost.h"

using miwb::Experiment;
using miwb::Json;

namespace {

Experiment example(const miwb::PluginRegistry& registry, const QString& name) {
  Json doc;
  Experiment e;
  const std::string path = std::string(MIWB_SOURCE_DIR) + "/resources/examples/" + name.toStdString();
  if (!miwb::readJsonFile(path, doc).isOk() || !Experiment::fromJson(doc, e).isOk() || !e.resolve(registry).isOk())
    qFatal("cannot read %s", path.c_str());
  return e;
}

miwb::RunCost costOf(const miwb::PluginRegistry& registry, const Experiment& e) {
  miwb::RunShape shape;
  const miwb::Status read = miwb::readRunShape(registry, e, shape);
  if (!read.isOk()) qFatal("%s", read.message().c_str());
  miwb::RunCost cost;
  const miwb::Status s = miwb::estimateRunCost(registry, e, shape, miwb::machineSpeed(), 2, cost);
  if (!s.isOk()) qFatal("%s", s.message().c_str());
  return cost;
}

}  // namespace

class TestRunCost : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // the speed cache goes to a test folder
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
  }

  // Every bundled estimator declares a cost model the core can read.
  void everyEstimatorDeclaresItsCost() {
    QVERIFY(registry_.estimators().size() >= 10);
    for (const auto& entry : registry_.estimators()) {
      miwb::CostModel model;
      const miwb::Status s = miwb::costModelOf(*entry.info, model);
      QVERIFY2(s.isOk(), s.message().c_str());
      QVERIFY(model.factor > 0);
    }
  }

  void unknownClassIsNamed() {
    miwb::OfferingInfo info;
    info.id = "x";
    info.extra["cost_model"] = {{"time", "N^4"}};
    miwb::CostModel model;
    const miwb::Status s = miwb::costModelOf(info, model);
    QVERIFY(!s.isOk());
    QVERIFY(QString::fromStdString(s.message()).contains("'N^4'"));
  }

  // 3 swept values x 3 sizes x 5 repeats, each with ksg and gaussian: 90 tasks.
  void scalingExampleCount() { QCOMPARE(costOf(registry_, example(registry_, "ksg-vs-n.json")).tasks, 90); }

  // 6 layers (5 hidden and the output) x 35 recorded epochs (40 log-spaced epochs of 1000 rounded to
  // integers, 35 of them distinct) x 2 estimators x 2 quantities = 840, the values a run of it
  // journals; told without training. The quick example: 24 of 400 epochs, 22 distinct, binning only.
  void planeExampleCount() {
    const Experiment e = example(registry_, "tanh-plane.json");
    const miwb::RunCost cost = costOf(registry_, e);
    QCOMPARE(cost.tasks, 840);
    QCOMPARE(cost.preparation, std::string("training the network"));
    QVERIFY(cost.seconds > 0);
    QCOMPARE(costOf(registry_, example(registry_, "ib12bit-tanh-binning-quick.json")).tasks, 6 * 22 * 2);
  }

  void growsWithN() {
    Experiment e = example(registry_, "ksg-vs-n.json");
    double previous = 0;
    for (long long n : {100, 1000, 10000, 100000}) {
      e.scaling.n = {n};
      const miwb::RunCost cost = costOf(registry_, e);
      QCOMPARE(cost.tasks, 30);
      QVERIFY(cost.seconds > previous);
      previous = cost.seconds;
    }
  }

  // A permutation test estimates each mutual information again on P copies: P + 1 times the time
  // (the example measures I(X;Y) only), the same tasks.
  void permutationsMultiplyTheTime() {
    Experiment e = example(registry_, "ksg-vs-n.json");
    const miwb::RunCost plain = costOf(registry_, e);
    e.significance.permutations = 9;
    const miwb::RunCost tested = costOf(registry_, e);
    QCOMPARE(tested.tasks, plain.tasks);
    QVERIFY(std::fabs(tested.seconds / plain.seconds - 10.0) < 1e-9);
  }

  // The grid's layers, epochs and samples select from the store's shape.
  void planeSelection() {
    miwb::ActivationStoreShape store;
    store.samples = 100;
    store.trainSamples = 70;
    store.layers = {"a", "b", "c"};
    store.units = {5, 1568, 3};
    store.epochs = {1, 10, 100};
    Experiment e;
    e.kind = miwb::ExperimentKind::InformationPlane;
    e.plane.layers = {"b"};
    e.plane.epochs = {1, 100};
    e.plane.samples = "test";
    miwb::RunShape shape;
    QVERIFY(miwb::planeShape(store, e, shape).isOk());
    QCOMPARE(shape.samples, miwb::Index{30});
    QCOMPARE(shape.units, std::vector<miwb::Index>{1568});
    QCOMPARE(shape.epochs, (std::vector<int>{1, 100}));
    e.plane.layers = {"d"};
    QVERIFY(!miwb::planeShape(store, e, shape).isOk());
  }

  void durations() {
    QCOMPARE(miwb::aboutDuration(0.2), std::string("under a second"));
    QCOMPARE(miwb::aboutDuration(4.4), std::string("about 4 s"));
    QCOMPARE(miwb::aboutDuration(41), std::string("about 40 s"));
    QCOMPARE(miwb::aboutDuration(6 * 60 + 10), std::string("about 6 min"));
    QCOMPARE(miwb::aboutDuration(2.5 * 3600), std::string("about 2.5 h"));
  }

  // The dry run prints the count and runs nothing: no folder, no journal.
  void dryRunWritesNothing() {
    QTemporaryDir dir;
    const QString out = dir.filePath("run");
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + "/miwb-cli",
            {"run", QString(MIWB_SOURCE_DIR) + "/resources/examples/tanh-plane.json", "--out", out, "--dry-run",
             "--threads", "2"});
    QVERIFY(p.waitForFinished(60000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(text.contains(": 840 tasks, about ") || text.contains(": 840 tasks, under a second"), qPrintable(text));
    QVERIFY(text.contains("nothing was run"));
    QVERIFY(!QFileInfo::exists(out));
  }

 private:
  miwb::PluginRegistry registry_;
};

QTEST_GUILESS_MAIN(TestRunCost)
#include "test_run_cost.moc"
