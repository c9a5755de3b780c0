// Work that runs on several threads at once, kept small so that it runs under ThreadSanitizer in CI.
// Besides being race-free, threads must not change answers: every result here is compared with the
// same computation on one thread.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <thread>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "run/run_controller.h"

using namespace miwb;

namespace {

const std::string kStore = MIWB_SOURCE_DIR "/tests/stores/fixtures/stacked.npz";

Json planeDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "plane"}, {"kind", "information-plane"}, {"seed", 5},
          {"dataset", {{"id", "activations"}, {"params", {{"path", kStore}}}}},
          {"estimators", {{{"id", "binning"}, {"params", {{"bins", 4}}}}, {{"id", "kde-upper"}}, {{"id", "ksg"}, {"params", {{"k", 2}}}}}},
          {"grid", {{"layers", "all"}, {"epochs", "all"}}}};
}

Json scalingDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "scaling"}, {"kind", "scaling"}, {"seed", 9},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 2}, {"rho", 0.5}}}}},
          {"estimators", {{{"id", "ksg"}, {"params", {{"k", 3}}}, {"quantities", {"I(X;Y)", "H(X)"}}}, {{"id", "gaussian"}}}},
          {"grid", {{"n", {100, 300}}, {"repeats", 2}, {"sweep", {{"param", "rho"}, {"values", {0.3, 0.7}}}}}}};
}

std::map<std::string, double> valuesByTask(const RunSummary& summary) {
  std::map<std::string, double> values;
  for (const auto& row : summary.table)
    if (row.ok && row.valueNats) values[row.task] = *row.valueNats;
  return values;
}

}  // namespace

class ThreadsTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

  Experiment resolved(const Json& doc) {
    Experiment e;
    if (const Status s = Experiment::fromJson(doc, e); !s.isOk()) qFatal("%s", s.message().c_str());
    if (const Status s = e.resolve(registry); !s.isOk()) qFatal("%s", s.message().c_str());
    return e;
  }

  RunSummary runOn(const Experiment& e, int threads) {
    QTemporaryDir dir;
    RunOptions options;
    options.threads = threads;
    options.outDir = dir.path();
    RunSummary summary;
    const Status s = ExperimentRunner(registry, e).run(options, {}, summary);
    if (!s.isOk()) qFatal("%s", s.message().c_str());
    return summary;
  }

  void compareThreadCounts(const Json& doc, int expectedTasks) {
    const Experiment e = resolved(doc);
    const RunSummary two = runOn(e, 2), one = runOn(e, 1);
    QCOMPARE(two.total, expectedTasks);
    QCOMPARE(two.succeeded, expectedTasks);
    QCOMPARE(two.failed, 0);
    for (const auto& row : two.table) QVERIFY2(row.ok, (row.task + ": " + row.message).c_str());
    QCOMPARE(valuesByTask(two), valuesByTask(one));  // seeds come from task keys, not threads
    QCOMPARE(int(valuesByTask(two).size()), expectedTasks);
  }

 private Q_SLOTS:
  void initTestCase() { registry.scan(PluginRegistry::defaultSearchPath()); }

  void planeKindOnTwoThreads() {
    compareThreadCounts(planeDoc(), 3 * 2 * 3 * 2);  // 3 estimators x 2 layers x 3 epochs x 2 quantities
  }

  void scalingKindOnTwoThreads() {
    compareThreadCounts(scalingDoc(), 2 * 2 * 2 * 3);  // 2 sweeps x 2 n x 2 repeats x 3 (estimator, quantity)
  }

  // A registry scanned for metadata only loads each library on first use, from whichever thread
  // asks first; several threads asking at once get one library and working estimators.
  void registryLoadsOnDemandFromSeveralThreads() {
    PluginRegistry lazy;
    lazy.scan(PluginRegistry::defaultSearchPath(), PluginLoading::OnDemand);
    const Variable x = Variable::continuous(Matrix::Random(200, 1));
    Matrix noisy = x.values() + 0.5 * Matrix::Random(200, 1);
    const Variable y = Variable::continuous(noisy);
    std::vector<double> values(4, -1.0);
    std::vector<std::string> errors(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([&, i] {
        std::unique_ptr<Estimator> estimator;
        Status s = lazy.createEstimator(i % 2 ? "ksg" : "binning", Json::object(), estimator);
        (void)lazy.toJson();  // reads the records while others may be loading
        RunContext ctx(1);
        Estimate out;
        if (s.isOk()) s = estimator->mutualInformation(x, y, ctx, out);
        errors[std::size_t(i)] = s.message();
        values[std::size_t(i)] = out.valueNats;
      });
    for (auto& t : threads) t.join();
    for (const auto& e : errors) QVERIFY2(e.empty(), e.c_str());
    QCOMPARE(values[0], values[2]);
    QCOMPARE(values[1], values[3]);
    QVERIFY(values[1] > 0.1);  // dependent data: the KSG estimate is clearly positive
  }

  // One estimator object, called from two threads at once (as the runner does), answers as if
  // called alone; the neural estimator trains a critic per call.
  void oneEstimatorCalledFromTwoThreads() {
    const Variable x = Variable::continuous(Matrix::Random(256, 2));
    Matrix noisy = x.values() + 0.3 * Matrix::Random(256, 2);
    const Variable y = Variable::continuous(noisy);
    // The KDE bounds measure I(T;Y) against class labels: the sign of the noisy first column.
    Labels classes(256);
    for (Index i = 0; i < 256; ++i) classes[static_cast<std::size_t>(i)] = noisy(i, 0) > 0;
    const Variable labels = Variable::discrete(classes);
    const std::pair<const char*, Json> cases[] = {
        {"ksg", Json::object()},
        {"kde-upper", Json::object()},
        {"infonce", Json{{"steps", 40}, {"eval_every", 20}, {"hidden", {16}}, {"embedding_dim", 8}, {"batch_size", 32}}}};
    for (const auto& [id, params] : cases) {
      std::unique_ptr<Estimator> estimator;
      QVERIFY(registry.createEstimator(id, params, estimator).isOk());
      const Variable& paired = std::string(id) == "kde-upper" ? labels : y;  // (clang 14 cannot capture a binding)
      auto estimate = [&](Estimate& out, Status& status) {
        RunContext ctx(42);
        status = estimator->mutualInformation(x, paired, ctx, out);
      };
      Estimate alone, a, b;
      Status sAlone, sa, sb;
      estimate(alone, sAlone);
      std::thread first([&] { estimate(a, sa); });
      std::thread second([&] { estimate(b, sb); });
      first.join();
      second.join();
      QVERIFY2(sAlone.isOk() && sa.isOk() && sb.isOk(), (std::string(id) + ": " + sAlone.message() + sa.message()).c_str());
      QCOMPARE(a.valueNats, alone.valueNats);
      QCOMPARE(b.valueNats, alone.valueNats);
    }
  }

  // The GUI's run controller: a worker thread runs the experiment and hands rows to the event loop;
  // every task arrives exactly once, then `finished`.
  void runControllerDeliversEveryRowOnce() {
    gui::RunController controller(registry);
    QSignalSpy finished(&controller, &gui::RunController::finished);
    std::map<std::string, int> seen;
    connect(&controller, &gui::RunController::results, this, [&](const std::vector<ResultRow>& rows) {
      for (const auto& row : rows) ++seen[row.task];
    });
    QTemporaryDir dir;
    QVERIFY(controller.start(resolved(planeDoc()), dir.path(), 2));
    QVERIFY(!controller.start(resolved(planeDoc()), dir.path(), 2));  // one run at a time
    QVERIFY(finished.wait(120000));
    const auto summary = finished.first().at(0).value<RunSummary>();
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(finished.first().at(2).toString(), QString());
    QCOMPARE(summary.total, 36);
    QCOMPARE(int(seen.size()), 36);
    for (const auto& [task, count] : seen) QVERIFY2(count == 1, task.c_str());
    QVERIFY(!controller.running());
  }

  // Cancelling from the GUI thread while workers run: the run ends, reports the cancel, and what
  // finished is in the journal.
  void runControllerCancels() {
    gui::RunController controller(registry);
    QSignalSpy finished(&controller, &gui::RunController::finished);
    QTemporaryDir dir;
    Json doc = scalingDoc();
    doc["grid"]["n"] = {2000, 4000};
    doc["grid"]["repeats"] = 20;
    QVERIFY(controller.start(resolved(doc), dir.path(), 2));
    QTest::qWait(50);
    controller.cancel();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().at(1).toBool(), true);
  }
};

QTEST_GUILESS_MAIN(ThreadsTest)
#include "test_threads.moc"
