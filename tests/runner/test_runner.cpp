// Experiments, task expansion, the oneTBB runner and the results journal.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <thread>

#include "miwb/dataset.h"
#include "miwb/estimator.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/results_journal.h"

using namespace miwb;

namespace {

Json scalingDoc(const Json& estimators) {
  return Json{{"schema", "miwb.experiment/1"},
              {"name", "test"},
              {"kind", "scaling"},
              {"seed", 11},
              {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 2}, {"rho", 0.6}}}}},
              {"estimators", estimators},
              {"grid", {{"n", {200, 400}}, {"repeats", 3}, {"sweep", {{"param", "rho"}, {"values", {0.3, 0.6}}}}}}};
}

}  // namespace

class RunnerTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

  Experiment parse(const Json& doc) {
    Experiment e;
    const Status s = Experiment::fromJson(doc, e);
    if (!s.isOk()) qFatal("%s", s.message().c_str());
    const Status r = e.resolve(registry);
    if (!r.isOk()) qFatal("%s", r.message().c_str());
    return e;
  }

  Status run(const Experiment& e, const QString& dir, int threads, RunSummary& summary,
             const std::atomic<bool>* cancel = nullptr, const RunObserver& observer = {}) {
    RunOptions options;
    options.threads = threads;
    options.outDir = dir;
    options.cancel = cancel;
    ExperimentRunner runner(registry, e);
    return runner.run(options, observer, summary);
  }

  QString parseError(Json doc) {
    Experiment e;
    Status s = Experiment::fromJson(doc, e);
    if (s.isOk()) s = e.resolve(registry);
    return QString::fromStdString(s.message());
  }

 private Q_SLOTS:
  void initTestCase() { registry.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR)); }

  void badExperimentsNameTheField() {
    Json doc = scalingDoc(Json::array({{{"id", "gaussian"}}}));
    doc["grid"]["n"] = "1000";
    QCOMPARE(parseError(doc), QString("field 'grid.n' must be a non-empty list of positive integers, got a string"));
    doc = scalingDoc(Json::array({{{"id", "gaussian"}}}));
    doc["grid"]["n"][1] = -5;
    QCOMPARE(parseError(doc), QString("field 'grid.n[1]' must be a positive integer, got a number"));
    doc = scalingDoc(Json::array({{{"id", "gaussian"}, {"params", {{"ridge", "big"}}}}}));
    QCOMPARE(parseError(doc), QString("field 'estimators[0].params': parameter 'ridge' of 'gaussian' must be a number, got \"big\""));
    doc = scalingDoc(Json::array({{{"id", "gaussian"}}}));
    doc["seed"] = "seven";
    QCOMPARE(parseError(doc), QString("field 'seed' must be a non-negative integer, got a string"));
    doc = scalingDoc(Json::array({{{"id", "gaussian"}}}));
    doc["grid"]["sweep"]["param"] = "rhoo";
    QCOMPARE(parseError(doc), QString("field 'grid.sweep.param': dataset 'gaussian' has no parameter 'rhoo'"));
    doc = scalingDoc(Json::array({{{"id", "gaussian"}}, {{"id", "gaussian"}}}));
    QVERIFY(parseError(doc).contains("repeats the label \"gaussian\""));
    doc = scalingDoc(Json::array({{{"id", "gaussian"}}}));
    doc["kind"] = "information-plane";
    QCOMPARE(parseError(doc),
             QString("field 'dataset.id': dataset 'gaussian' provides pairs, but a information-plane experiment needs activations"));
  }

  void quantitiesAreCheckedAgainstTheKindAndTheEstimators() {
    Json doc = scalingDoc(Json::array({{{"id", "ksg"}, {"quantities", {"H(T)"}}}}));
    QCOMPARE(parseError(doc), QString("field 'estimators[0].quantities[0]': a scaling experiment measures "
                                      "\"I(X;Y)\", \"I(X;Y|Z)\", \"H(X)\", \"H(Y)\", not \"H(T)\""));
    doc = scalingDoc(Json::array({{{"id", "ksg"}, {"quantities", "H(X)"}}}));
    QCOMPARE(parseError(doc), QString("field 'estimators[0].quantities' must be a non-empty list of quantities, got a string"));
    doc = scalingDoc(Json::array({{{"id", "kde-upper"}, {"quantities", {"H(X)"}}}}));
    QCOMPARE(parseError(doc), QString("field 'estimators[0].quantities': estimator 'kde-upper' does not estimate "
                                      "entropies, so it cannot measure H(X)"));
    doc = scalingDoc(Json::array({{{"id", "dse"}}}));
    QCOMPARE(parseError(doc), QString("field 'estimators[0].quantities': estimator 'dse' estimates entropy only, so it "
                                      "cannot measure I(X;Y) (ask for \"quantities\": [\"H(X)\"])"));
    // Listed in any order, measured in the kind's order; the default is the mutual information.
    Experiment e = parse(scalingDoc(Json::array({{{"id", "ksg"}, {"quantities", {"H(Y)", "I(X;Y)"}}}, {{"id", "gaussian"}}})));
    QCOMPARE(e.estimators[0].quantities, (std::vector<std::string>{"I(X;Y)", "H(Y)"}));
    QCOMPARE(e.estimators[1].quantities, (std::vector<std::string>{"I(X;Y)"}));
    QVERIFY(e.toJson()["estimators"][0]["quantities"] == Json({"I(X;Y)", "H(Y)"}));
  }

  // Entropy rows come with the dataset's true entropy; estimators that target the differential
  // entropy land near it.
  void entropiesAreMeasuredAgainstTheirTruth() {
    Json doc = scalingDoc(Json::array({{{"id", "ksg"}, {"quantities", {"I(X;Y)", "H(X)", "H(Y)"}}},
                                       {{"id", "gaussian"}, {"quantities", {"H(X)"}}}}));
    doc["grid"] = {{"n", {3000}}, {"repeats", 2}};
    QTemporaryDir dir;
    RunSummary s;
    QVERIFY(run(parse(doc), dir.path(), 2, s).isOk());
    QCOMPARE(s.total, 2 * 4);
    const double trueH = std::log(2 * M_PI * M_E);  // two standard normal coordinates
    for (const auto& row : s.table) {
      QVERIFY2(row.ok, row.message.c_str());
      const bool mi = row.quantity == "I(X;Y)";
      QCOMPARE(QString::fromStdString(row.task).endsWith("|" + QString::fromStdString(row.quantity)), !mi);
      QCOMPARE(*row.trueNats, mi ? -std::log(1 - 0.6 * 0.6) : trueH);
      // sd at N = 3000: KL about 0.025, the Gaussian fit about 0.02 (2 dims); KL's bias here is
      // below 0.02. 0.1 is 4 sd and catches a wrong constant (ln 2 per dimension, say).
      QVERIFY2(std::fabs(*row.valueNats - *row.trueNats) < 0.1, row.task.c_str());
    }
  }

  // A spectral entropy of the data graph is not a differential entropy: its row carries the
  // dataset's truth all the same, and only its range [0, ln N] is known. At N = 500, as its
  // eigendecomposition costs N^3 (at 3000 it took all but a second of this suite under TSan).
  void spectralEntropyRowsCarryTheTruth() {
    Json doc = scalingDoc(Json::array({{{"id", "dse"}, {"quantities", {"H(Y)"}}}}));
    doc["grid"] = {{"n", {500}}, {"repeats", 2}};
    QTemporaryDir dir;
    RunSummary s;
    QVERIFY(run(parse(doc), dir.path(), 2, s).isOk());
    QCOMPARE(s.total, 2);
    for (const auto& row : s.table) {
      QVERIFY2(row.ok, row.message.c_str());
      QVERIFY(QString::fromStdString(row.task).endsWith("|H(Y)"));
      QCOMPARE(*row.trueNats, std::log(2 * M_PI * M_E));
      QVERIFY(*row.valueNats >= 0 && *row.valueNats <= std::log(500.0));
    }
  }

  // The Gaussian fit's entropy against a hand computation: x = (0, 2, 4), y = (1, 1, 4) have
  // sample variances 4 and 3 and covariance 3 (divisor n - 1), so det S = 3.
  void gaussianEntropyByHand() {
    std::unique_ptr<Estimator> gauss;
    QVERIFY(registry.createEstimator("gaussian", Json::object(), gauss).isOk());
    Matrix xy(3, 2);
    xy << 0, 1, 2, 1, 4, 4;
    RunContext ctx;
    Estimate one, two;
    QVERIFY(gauss->entropy(Variable::continuous(xy.col(0)), ctx, one).isOk());
    QVERIFY(gauss->entropy(Variable::continuous(xy), ctx, two).isOk());
    const double lnTwoPiE = std::log(2 * M_PI * M_E);
    // The default ridge (1e-10 of the mean variance) moves these by about 1e-10.
    QVERIFY(std::fabs(one.valueNats - 0.5 * (lnTwoPiE + std::log(4.0))) < 1e-9);
    QVERIFY(std::fabs(two.valueNats - 0.5 * (2 * lnTwoPiE + std::log(3.0))) < 1e-9);
  }

  // The gaussian dataset's entropies under each transform: the closed forms (numerical quadrature
  // for asinh, checked against scipy's quad), and Kozachenko-Leonenko estimates near them.
  void gaussianDatasetEntropiesFollowTheTransform() {
    const std::map<std::string, double> perCoordinate = {{"none", 0.5 * std::log(2 * M_PI * M_E)},
                                                         {"half-cube", 1.5068129299474675},
                                                         {"asinh", 1.1522119432826052},
                                                         {"normal-cdf", 0.0}};
    std::unique_ptr<Estimator> kl;
    QVERIFY(registry.createEstimator("ksg", Json::object(), kl).isOk());
    for (const auto& [transform, h] : perCoordinate) {
      std::unique_ptr<PairSource> source;
      QVERIFY(registry.createPairSource("gaussian", Json{{"dim", 1}, {"rho", 0.5}, {"transform", transform}}, source).isOk());
      QVERIFY(std::fabs(*source->trueEntropy(PairSide::X) - h) < 1e-10);
      QCOMPARE(*source->trueEntropy(PairSide::Y), *source->trueEntropy(PairSide::X));
      RunContext ctx(5);
      Variable x, y;
      QVERIFY(source->sample(20000, ctx, x, y).isOk());
      Estimate estimate;
      QVERIFY(kl->entropy(y, ctx, estimate).isOk());
      // KL's sd at N = 2e4 is about 0.01; 0.04 also allows its small bias near the half-cube's cusp.
      QVERIFY2(std::fabs(estimate.valueNats - h) < 0.04, transform.c_str());
    }
    std::unique_ptr<PairSource> bits;
    QVERIFY(registry.createPairSource("ib12bit", Json::object(), bits).isOk());
    QCOMPARE(*bits->trueEntropy(PairSide::X), std::log(4096.0));
    QCOMPARE(*bits->trueEntropy(PairSide::Y), *bits->trueMutualInformation());
  }

  void resultsDoNotDependOnThreadCount() {
    const Experiment e = parse(scalingDoc(Json::array({{{"id", "gaussian"}}, {{"id", "sleepy"}, {"params", {{"ms", 0}}}}})));
    QTemporaryDir one, two;
    RunSummary a, b;
    QVERIFY(run(e, one.path(), 1, a).isOk());
    QVERIFY(run(e, two.path(), 2, b).isOk());
    QCOMPARE(a.total, 2 * 2 * 3 * 2);
    QCOMPARE(a.table.size(), std::size_t(a.total));
    for (std::size_t i = 0; i < a.table.size(); ++i) {
      QCOMPARE(a.table[i].task, b.table[i].task);
      QVERIFY(a.table[i].ok);
      QCOMPARE(*a.table[i].valueNats, *b.table[i].valueNats);  // bit-identical
    }
    // The estimators saw the same data: both rows of one data item share n, repeat and sweep value.
    QCOMPARE(*a.table[0].trueNats, -std::log(1 - 0.3 * 0.3));  // dim 2: -2/2 ln(1 - rho^2)
  }

  void gaussianEstimatorIsNearTheTruth() {
    Json doc = scalingDoc(Json::array({{{"id", "gaussian"}}}));
    doc["grid"] = {{"n", {20000}}, {"repeats", 2}};
    QTemporaryDir dir;
    RunSummary s;
    QVERIFY(run(parse(doc), dir.path(), 2, s).isOk());
    for (const auto& row : s.table) {
      // sd of the Gaussian MI estimate at N = 2e4 and 0.45 nats is about 0.006; 0.03 is 5 sd.
      QVERIFY2(std::fabs(*row.valueNats - *row.trueNats) < 0.03, row.task.c_str());
    }
  }

  void throwingPluginFailsOnlyItsOwnTasks() {
    const Experiment e = parse(scalingDoc(Json::array({{{"id", "throwing"}}, {{"id", "gaussian"}}})));
    QTemporaryDir dir;
    RunSummary s;
    QVERIFY(run(e, dir.path(), 2, s).isOk());
    QCOMPARE(s.failed, s.total / 2);
    QCOMPARE(s.succeeded, s.total / 2);
    for (const auto& row : s.table) {
      if (row.estimatorId == "throwing") {
        QVERIFY(!row.ok);
        QCOMPARE(QString::fromStdString(row.message),
                 QString("estimator 'throwing' threw an exception: fixture failure: deliberately thrown"));
      } else {
        QVERIFY(row.ok && row.valueNats);
      }
    }
  }

  void resumeSkipsFinishedTasksAndToleratesACutLine() {
    const Experiment e = parse(scalingDoc(Json::array({{{"id", "gaussian"}}})));
    QTemporaryDir full, partial;
    RunSummary reference, first, second;
    QVERIFY(run(e, full.path(), 2, reference).isOk());
    QVERIFY(run(e, partial.path(), 2, first).isOk());
    // Keep 5 whole lines and half of the sixth, as a kill during a write would leave them.
    QFile journal(partial.filePath("results.jsonl"));
    QVERIFY(journal.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = journal.readAll().split('\n');
    journal.close();
    QVERIFY(journal.open(QIODevice::WriteOnly | QIODevice::Truncate));
    for (int i = 0; i < 5; ++i) journal.write(lines[i] + '\n');
    journal.write(lines[5].left(lines[5].size() / 2));
    journal.close();

    QVERIFY(run(e, partial.path(), 2, second).isOk());
    QCOMPARE(second.skipped, 5);
    QCOMPARE(second.succeeded, reference.total - 5);
    QCOMPARE(second.table.size(), reference.table.size());
    for (std::size_t i = 0; i < reference.table.size(); ++i) {
      QCOMPARE(second.table[i].task, reference.table[i].task);
      QCOMPARE(*second.table[i].valueNats, *reference.table[i].valueNats);
    }
    std::vector<ResultRow> rows;
    int skippedLines = 0;
    QVERIFY(ResultsJournal::read(partial.filePath("results.jsonl"), rows, &skippedLines).isOk());
    QCOMPARE(skippedLines, 1);  // only the cut line
    QCOMPARE(int(rows.size()), reference.total);
  }

  void cancelKeepsFinishedTasks() {
    const Experiment e = parse(scalingDoc(Json::array({{{"id", "sleepy"}, {"params", {{"ms", 100}}}}})));
    QTemporaryDir dir;
    std::atomic<bool> cancel{false};
    RunObserver observer;
    observer.result = [&](const ResultRow&) { cancel = true; };  // stop after the first result
    RunSummary s;
    QCOMPARE(run(e, dir.path(), 2, s, &cancel, observer).code(), StatusCode::Cancelled);
    QVERIFY(s.cancelled);
    QVERIFY(s.succeeded >= 1 && s.succeeded < s.total);
    RunSummary again;
    QVERIFY(run(e, dir.path(), 2, again).isOk());
    QCOMPARE(again.skipped, s.succeeded);
    QCOMPARE(int(again.table.size()), again.total);
  }

  // The plane: every (layer, epoch) gives I(X;T) from (X, T) and I(T;Y) from (T, Y), on the chosen samples.
  void informationPlaneFeedsTheRightVariables() {
    const QString store = QStringLiteral(MIWB_SOURCE_DIR "/tests/stores/fixtures/stacked.npz");
    for (const std::string samples : {"all", "train"}) {
      const Json doc = {{"schema", "miwb.experiment/1"}, {"kind", "information-plane"}, {"seed", 3},
                        {"dataset", {{"id", "activations"}, {"params", {{"path", store.toStdString()}}}}},
                        {"estimators", {{{"id", "binning"}, {"params", {{"bins", 4}}}}, {{"id", "kde-upper"}}}},
                        {"grid", {{"layers", {"alpha"}}, {"epochs", "all"}, {"samples", samples}}}};
      QTemporaryDir dir;
      RunSummary s;
      QVERIFY(run(parse(doc), dir.path(), 2, s).isOk());
      QCOMPARE(s.total, 2 * 3 * 2);  // 2 estimators x 3 epochs x {I(X;T), I(T;Y)}

      RunContext ctx;
      std::unique_ptr<ActivationStore> opened;
      QVERIFY(registry.openActivationStore("activations", Json{{"path", store.toStdString()}}, ctx, opened).isOk());
      std::vector<Index> rows;
      const auto mask = opened->trainMask();
      for (Index i = 0; i < opened->inputs().samples(); ++i)
        if (samples == "all" || mask[std::size_t(i)]) rows.push_back(i);
      // The runner asks each estimator for both plane values in one call; they must equal the two
      // separate I(X;T) and I(T;Y) estimates (exactly for binning, to rounding for KDE's shared pass).
      std::unique_ptr<Estimator> binning, kde;
      QVERIFY(registry.createEstimator("binning", Json{{"bins", 4}}, binning).isOk());
      QVERIFY(registry.createEstimator("kde-upper", Json::object(), kde).isOk());
      const auto layers = opened->layers();
      const int alpha = int(std::find(layers.begin(), layers.end(), "alpha") - layers.begin());
      for (const auto& row : s.table) {
        QVERIFY(row.ok);
        QCOMPARE(*row.layer, std::string("alpha"));
        QCOMPARE(*row.n, (long long)rows.size());
        const auto epochs = opened->epochs();
        const int e = int(std::find(epochs.begin(), epochs.end(), *row.epoch) - epochs.begin());
        Matrix slice;
        QVERIFY(opened->activation(alpha, e, slice).isOk());
        const Variable t = Variable::continuous(slice).subset(rows);
        const Variable x = opened->inputs().subset(rows), y = opened->labels().subset(rows);
        const Estimator& estimator = row.estimatorId == "binning" ? *binning : *kde;
        Estimate expected;
        if (row.quantity == "I(X;T)") QVERIFY(estimator.mutualInformation(x, t, ctx, expected).isOk());
        else QVERIFY(estimator.mutualInformation(t, y, ctx, expected).isOk());
        if (row.estimatorId == "binning") QCOMPARE(*row.valueNats, expected.valueNats);
        else QVERIFY2(std::fabs(*row.valueNats - expected.valueNats) <= 1e-12 * std::max(1.0, std::fabs(expected.valueNats)),
                      row.task.c_str());
      }
    }
  }

  // H(T) per layer and epoch is an entropy() call. For binning it must equal I(X;T): a trained
  // network's T is a function of its inputs, and the 4096 inputs of the 12-bit task are distinct.
  void planeMeasuresLayerEntropies() {
    const Json network = {{"data", "ib12bit"}, {"activation", "tanh"}, {"hidden", {5, 3}}, {"epochs", 10},
                          {"recorded_epochs", 2}, {"batch_size", 512}};
    const Json doc = {{"schema", "miwb.experiment/1"}, {"kind", "information-plane"}, {"seed", 3},
                      {"dataset", {{"id", "mlp-training"}, {"params", network}}},
                      {"estimators", {{{"id", "binning"}, {"params", {{"bins", 30}, {"range", {-1, 1}}}},
                                       {"quantities", {"I(X;T)", "H(T)"}}},
                                      {{"id", "ksg"}, {"params", {{"noise", 1e-6}}}, {"quantities", {"H(T)"}}}}}};
    QTemporaryDir dir;
    RunSummary s;
    QVERIFY(run(parse(doc), dir.path(), 2, s).isOk());
    std::map<std::string, double> binnedIxt, binnedHt;
    int ksgRows = 0;
    for (const auto& row : s.table) {
      QVERIFY2(row.ok, row.message.c_str());
      QVERIFY(row.layer && row.epoch);
      const std::string point = *row.layer + "/" + std::to_string(*row.epoch);
      if (row.estimatorId == "ksg") {
        QCOMPARE(row.quantity, std::string("H(T)"));
        ++ksgRows;
      } else {
        (row.quantity == "H(T)" ? binnedHt : binnedIxt)[point] = *row.valueNats;
      }
    }
    QCOMPARE(int(binnedHt.size()), ksgRows);
    QVERIFY(!binnedHt.empty());
    for (const auto& [point, h] : binnedHt) QVERIFY2(std::fabs(h - binnedIxt.at(point)) < 1e-12, point.c_str());
  }

  // A plane point whose journal has only one of its two rows: the rerun adds just the missing one.
  void planeResumeFillsAHalfDonePoint() {
    const QString store = QStringLiteral(MIWB_SOURCE_DIR "/tests/stores/fixtures/stacked.npz");
    const Json doc = {{"schema", "miwb.experiment/1"}, {"kind", "information-plane"}, {"seed", 3},
                      {"dataset", {{"id", "activations"}, {"params", {{"path", store.toStdString()}}}}},
                      {"estimators", {{{"id", "kde-upper"}}, {{"id", "binning"}, {"params", {{"bins", 4}}}}}}};
    QTemporaryDir dir;
    RunSummary full, again;
    QVERIFY(run(parse(doc), dir.path(), 2, full).isOk());
    QFile journal(dir.filePath("results.jsonl"));
    QVERIFY(journal.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = journal.readAll().split('\n');
    journal.close();
    QVERIFY(journal.open(QIODevice::WriteOnly | QIODevice::Truncate));
    int dropped = 0;
    for (const QByteArray& line : lines) {
      if (line.isEmpty()) continue;
      if (dropped < 3 && line.contains("I(T;Y)")) {
        ++dropped;
        continue;
      }
      journal.write(line + '\n');
    }
    journal.close();
    QVERIFY(run(parse(doc), dir.path(), 2, again).isOk());
    QCOMPARE(again.skipped, full.total - 3);
    QCOMPARE(again.succeeded, 3);
    for (std::size_t i = 0; i < full.table.size(); ++i) {
      QCOMPARE(again.table[i].task, full.table[i].task);
      QCOMPARE(*again.table[i].valueNats, *full.table[i].valueNats);
    }
  }

  void journalLinesCarryTheContract() {
    const Experiment e = parse(scalingDoc(Json::array({{{"id", "gaussian"}}})));
    QTemporaryDir dir;
    RunSummary s;
    QVERIFY(run(e, dir.path(), 2, s).isOk());
    QFile journal(dir.filePath("results.jsonl"));
    QVERIFY(journal.open(QIODevice::ReadOnly));
    const Json line = Json::parse(journal.readLine().toStdString());
    for (const char* key : {"task", "estimator", "quantity", "n", "repeat", "layer", "epoch", "value_nats", "stderr_nats",
                            "true_nats", "seconds", "status", "message"})
      QVERIFY2(line.contains(key), key);
    QVERIFY(line["quantity"] == "I(X;Y)");
    QVERIFY(line["layer"].is_null() && line["epoch"].is_null());
    QVERIFY(QFile::exists(dir.filePath("results.csv")));
    QVERIFY(QFile::exists(dir.filePath("experiment.json")));
  }
};

QTEST_GUILESS_MAIN(RunnerTest)
#include "test_runner.moc"
