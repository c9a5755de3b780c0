// The benchmark kind: grid parsing and its errors, the expansion into journaled tasks on
// standardized samples, resume, and the summary (means, sds, log ratios, failures, samples needed)
// against numbers worked out by hand.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>

#include "miwb/host/benchmark/benchmark_summary.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/results_journal.h"

using namespace miwb;

namespace {

Json suiteDoc(const Json& tasks, const Json& n, int repeats) {
  return Json{{"schema", "miwb.experiment/1"},
              {"name", "suite"},
              {"kind", "benchmark"},
              {"seed", 3},
              {"dataset", {{"id", "suite-fixture"}}},
              {"estimators", Json::array({{{"id", "pearson"}, {"label", "P"}}, {{"id", "pearson-neural"}, {"label", "PN"}}})},
              {"grid", {{"tasks", tasks}, {"n", n}, {"repeats", repeats}}}};
}

ResultRow row(const std::string& task, const std::string& estimator, long long n, std::optional<double> value,
              double truth) {
  ResultRow r;
  r.task = task + "|" + estimator + "|" + std::to_string(n) + "|" + std::to_string(value.value_or(-99));
  r.benchmarkTask = task;
  r.estimator = estimator;
  r.n = n;
  r.valueNats = value;
  r.trueNats = truth;
  r.ok = value.has_value();
  return r;
}

// The rows of a CSV file with a header, as maps from column to text.
std::vector<std::map<QString, QString>> readCsv(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
  const QStringList header = lines.front().split(',');
  std::vector<std::map<QString, QString>> rows;
  for (int i = 1; i < lines.size(); ++i) {
    const QStringList cells = lines[i].split(',');
    std::map<QString, QString> r;
    for (int c = 0; c < header.size() && c < cells.size(); ++c) r[header[c]] = cells[c];
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

class BenchmarkTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

  Status parse(const Json& doc, Experiment& e) {
    Status s = Experiment::fromJson(doc, e);
    if (s) s = e.resolve(registry);
    return s;
  }
  QString parseError(const Json& doc) {
    Experiment e;
    return QString::fromStdString(parse(doc, e).message());
  }
  Status run(const Experiment& e, const QString& dir, RunSummary& summary) {
    RunOptions options;
    options.threads = 2;
    options.outDir = dir;
    ExperimentRunner runner(registry, e);
    return runner.run(options, {}, summary);
  }

 private Q_SLOTS:
  void initTestCase() {
    registry.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_BENCHMARK_FIXTURE_DIR));
    QVERIFY(registry.dataset("suite-fixture"));
    QVERIFY(registry.estimator("pearson"));
  }

  void gridResolvesTasksAndNeuralEstimators() {
    Experiment e;
    QVERIFY(parse(suiteDoc("all", {100}, 1), e).isOk());
    QCOMPARE(e.kind, ExperimentKind::Benchmark);
    // "all" is every choice of `task` but `custom`, in the dataset's order, named by its metadata.
    QCOMPARE(e.benchmark.taskIds, (std::vector<std::string>{"alpha", "beta"}));
    QCOMPARE(e.benchmark.tasks.size(), std::size_t(2));
    QCOMPARE(e.benchmark.tasks[1].family, std::string("Greek"));
    QCOMPARE(e.benchmark.tasks[1].label, std::string("second"));
    QCOMPARE(e.benchmark.neuralEstimators, std::vector<std::string>{"PN"});
    QCOMPARE(e.estimators[0].quantities, std::vector<std::string>{"I(X;Y)"});
    QVERIFY(e.toJson()["grid"]["tasks"] == Json({"alpha", "beta"}));
    Experiment one;
    QVERIFY(parse(suiteDoc({"beta"}, {100}, 1), one).isOk());
    QCOMPARE(one.benchmark.taskIds, std::vector<std::string>{"beta"});
  }

  void badGridsGetOneSentence() {
    QCOMPARE(parseError(suiteDoc({"alpha", "gamma"}, {100}, 1)),
             QString("field 'grid.tasks[1]': dataset 'suite-fixture' has no task 'gamma' (its 2 tasks come in the "
                     "families Greek; `miwb-cli plugins --json` lists their ids)"));
    QCOMPARE(parseError(suiteDoc(Json::array(), {100}, 1)),
             QString("field 'grid.tasks' must be \"all\" or a non-empty list of task ids"));
    QCOMPARE(parseError(suiteDoc({"custom"}, {100}, 1)),
             QString("field 'grid.tasks[0]': 'custom' is set up by the dataset's parameters and is not a benchmark task"));
    QCOMPARE(parseError(suiteDoc({"alpha", "alpha"}, {100}, 1)),
             QString("field 'grid.tasks[1]' repeats the task 'alpha'"));
    Json noTasks = suiteDoc("all", {100}, 1);
    noTasks["grid"].erase("tasks");
    QCOMPARE(parseError(noTasks), QString("field 'grid.tasks' is missing (give \"all\" or a list of task ids)"));
    Json gaussian = suiteDoc("all", {100}, 1);
    gaussian["dataset"] = {{"id", "gaussian"}};
    QCOMPARE(parseError(gaussian),
             QString("field 'dataset.id': dataset 'gaussian' has no 'task' choice parameter, so it cannot be "
                     "benchmarked (use a suite such as 'bmi')"));
    Json entropy = suiteDoc("all", {100}, 1);
    entropy["estimators"][0]["quantities"] = {"H(X)"};
    QCOMPARE(parseError(entropy),
             QString("field 'estimators[0].quantities[0]': a benchmark experiment measures \"I(X;Y)\", not \"H(X)\""));
  }

  // Samples fixed by task and N: alpha has correlation 0.5 (truth 0.5), beta 0.2 below N = 200 and
  // 0.56 from there on (truth 0.6).
  void runTableAndSummaryMatchHandComputation() {
    QTemporaryDir dir;
    Experiment e;
    QVERIFY(parse(suiteDoc("all", {100, 400}, 2), e).isOk());
    RunSummary summary;
    QVERIFY(run(e, dir.path(), summary).isOk());
    QCOMPARE(summary.total, 16);  // 2 tasks x 2 estimators x 2 N x 2 repeats
    QCOMPARE(summary.succeeded, 16);
    for (const ResultRow& r : summary.table) {
      QVERIFY(r.ok);
      QVERIFY(r.standardized);
      const bool alpha = r.benchmarkTask == "alpha";
      QCOMPARE(*r.trueNats, alpha ? 0.5 : 0.6);
      const double c = alpha ? 0.5 : (*r.n < 200 ? 0.2 : 0.56);
      QVERIFY(std::abs(*r.valueNats - c) < 1e-12);
      QCOMPARE(r.task, "benchmark|" + r.estimator + "|task=" + r.benchmarkTask + "|n=" + std::to_string(*r.n) +
                           "|r=" + std::to_string(*r.repeat));
      // What the estimator saw: X = 3u + 7 and Y = 10(...) - 4 arrive at mean 0 and sd 1.
      for (const char* key : {"x_mean", "y_mean"}) QVERIFY(std::abs(r.details[key].get<double>()) < 1e-12);
      for (const char* key : {"x_sd", "y_sd"}) QVERIFY(std::abs(r.details[key].get<double>() - 1) < 1e-12);
    }
    // The journal line carries the task id and the standardizing.
    ResultsJournal journal;
    QVERIFY(journal.open(dir.filePath("results.jsonl")).isOk());
    QCOMPARE(journal.rows().size(), std::size_t(16));
    QFile jsonl(dir.filePath("results.jsonl"));
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    const Json first = Json::parse(jsonl.readLine().toStdString());
    QVERIFY(first["standardized"].get<bool>());
    QVERIFY(first["benchmark_task"] == "alpha" || first["benchmark_task"] == "beta");

    const auto cells = readCsv(dir.filePath("benchmark-summary.csv"));
    QCOMPARE(cells.size(), std::size_t(8));  // 2 tasks x 2 estimators x 2 N
    // Order: tasks, estimators, N.
    QCOMPARE(cells[0].at("task"), QString("alpha"));
    QCOMPARE(cells[0].at("estimator"), QString("P"));
    QCOMPARE(cells[1].at("n"), QString("400"));
    QCOMPARE(cells[2].at("estimator"), QString("PN"));
    QCOMPARE(cells[4].at("task"), QString("beta"));
    QCOMPARE(cells[4].at("task_label"), QString("second"));
    QCOMPARE(cells[4].at("family"), QString("Greek"));
    for (const auto& c : cells) {
      const bool alpha = c.at("task") == "alpha";
      const bool small = c.at("n") == "100";
      const double mean = alpha ? 0.5 : (small ? 0.2 : 0.56);
      QCOMPARE(c.at("runs"), QString("2"));
      QCOMPARE(c.at("failures"), QString("0"));
      QVERIFY(std::abs(c.at("mean_nats").toDouble() - mean) < 1e-12);
      QVERIFY(std::abs(c.at("sd_nats").toDouble()) < 1e-12);
      QCOMPARE(c.at("true_nats").toDouble(), alpha ? 0.5 : 0.6);
      const double logRatio = alpha ? 0.0 : (small ? -1.0986122886681096 : -0.06899287148695131);
      QVERIFY(std::abs(c.at("mean_log_ratio").toDouble() - logRatio) < 1e-12);
      // alpha is within a factor 1.5 at every N; beta only from N = 400 on.
      QCOMPARE(c.at("samples_needed"), QString(alpha ? "100" : "400"));
    }
  }

  void resumesFromTheJournal() {
    QTemporaryDir dir;
    Experiment once, twice;
    QVERIFY(parse(suiteDoc({"beta"}, {100, 400}, 1), once).isOk());
    QVERIFY(parse(suiteDoc({"beta"}, {100, 400}, 2), twice).isOk());
    RunSummary first, second;
    QVERIFY(run(once, dir.path(), first).isOk());
    QCOMPARE(first.succeeded, 4);
    QVERIFY(run(twice, dir.path(), second).isOk());
    QCOMPARE(second.total, 8);
    QCOMPARE(second.skipped, 4);  // repeat 0 of every (estimator, N) was journaled already
    QCOMPARE(second.succeeded, 4);
    QCOMPARE(second.table.size(), std::size_t(8));
    const auto cells = readCsv(dir.filePath("benchmark-summary.csv"));
    QCOMPARE(cells.size(), std::size_t(4));
    for (const auto& c : cells) QCOMPARE(c.at("runs"), QString("2"));
  }

  // A hand-made table: failed tasks and bmi's neural failures are counted and left out; an estimate
  // <= 0 of a non-neural estimator makes the log ratio -inf; samples needed asks for every larger N.
  void summaryRulesByHand() {
    Experiment e;
    e.kind = ExperimentKind::Benchmark;
    e.estimators = {EstimatorSpec{"ksg", {}, "ksg", {}}, EstimatorSpec{"nn", {}, "nn", {}}};
    e.benchmark.tasks = {{"alpha", "A", "a"}, {"beta", "B", "b"}};
    e.benchmark.neuralEstimators = {"nn"};
    const std::vector<ResultRow> rows = {
        row("alpha", "ksg", 100, 0.5, 1.0),    row("alpha", "ksg", 100, 0.5, 1.0),
        row("alpha", "ksg", 1000, 0.8, 1.0),   row("alpha", "ksg", 1000, 1.0, 1.0),
        row("alpha", "ksg", 1000, {}, 1.0),    row("alpha", "ksg", 10000, 0.95, 1.0),
        row("alpha", "ksg", 10000, 1.05, 1.0), row("alpha", "nn", 100, 1.2, 1.0),
        row("alpha", "nn", 100, 1.6, 1.0),     row("alpha", "nn", 1000, 1.0, 1.0),
        row("alpha", "nn", 1000, 0.05, 1.0),   row("alpha", "nn", 1000, -0.2, 1.0),
        row("alpha", "nn", 1000, 0.95, 1.0),   row("alpha", "nn", 10000, 0.4, 1.0),
        row("alpha", "nn", 10000, 0.3, 1.0),   row("beta", "ksg", 100, 0.4, 0.5),
        row("beta", "ksg", 100, -0.1, 0.5),    row("beta", "ksg", 1000, 0.5, 0.5),
        row("gamma", "ksg", 100, 0.5, 0.5),  // not a task of the grid: ignored
    };
    const auto cells = summarizeBenchmark(e, rows);
    QCOMPARE(cells.size(), std::size_t(8));
    auto near = [](std::optional<double> v, double want) { return v && std::abs(*v - want) < 1e-12; };
    // alpha / ksg
    QCOMPARE(cells[0].n, 100LL);
    QVERIFY(near(cells[0].mean, 0.5) && near(cells[0].sd, 0) && near(cells[0].meanLogRatio, std::log(0.5)));
    QCOMPARE(cells[1].runs, 3);
    QCOMPARE(cells[1].failures, 1);
    QVERIFY(near(cells[1].mean, 0.9) && near(cells[1].sd, 0.14142135623730948));
    QVERIFY(near(cells[1].meanLogRatio, -0.11157177565710485));
    QVERIFY(near(cells[2].mean, 1.0) && near(cells[2].sd, 0.07071067811865482));
    QVERIFY(near(cells[2].meanLogRatio, -0.0012515651090592647));
    for (int i = 0; i < 3; ++i) QCOMPARE(cells[i].samplesNeeded, std::optional<long long>(1000));
    // alpha / nn: 0.05 (< 10 % of the best, 1.0) and -0.2 are failures; 10 000 misses, so never.
    QVERIFY(near(cells[3].mean, 1.4) && near(cells[3].sd, 0.2828427124746191));
    QVERIFY(near(cells[3].meanLogRatio, 0.3261625930198451));
    QCOMPARE(cells[4].runs, 4);
    QCOMPARE(cells[4].failures, 2);
    QCOMPARE(cells[4].used, (std::vector<double>{1.0, 0.95}));
    QVERIFY(near(cells[4].mean, 0.975) && near(cells[4].sd, 0.03535533905932741));
    QVERIFY(near(cells[4].meanLogRatio, -0.02564664719377529));
    QVERIFY(near(cells[5].meanLogRatio, (std::log(0.4) + std::log(0.3)) / 2));
    for (int i = 3; i < 6; ++i) QVERIFY(!cells[i].samplesNeeded);
    // beta / ksg: -0.1 is kept (not neural), so the log ratio is -inf; one run has no sd.
    QCOMPARE(cells[6].estimator, std::string("ksg"));
    QCOMPARE(cells[6].failures, 0);
    QVERIFY(near(cells[6].mean, 0.15) && near(cells[6].sd, 0.3535533905932738));
    QVERIFY(cells[6].meanLogRatio && std::isinf(*cells[6].meanLogRatio) && *cells[6].meanLogRatio < 0);
    QVERIFY(near(cells[7].mean, 0.5) && !cells[7].sd && near(cells[7].meanLogRatio, 0));
    QCOMPARE(cells[7].samplesNeeded, std::optional<long long>(1000));
    const QString csv = QString::fromStdString(benchmarkSummaryCsv(cells));
    QVERIFY2(csv.contains("\nbeta,B,b,ksg,100,2,0,0.15000000000000002,0.3535533905932738,0.5,-inf,1000\n"), qPrintable(csv));
    QVERIFY(csv.contains("\nbeta,B,b,ksg,1000,1,0,0.5,,0.5,0,1000\n"));
  }

  void cliWritesTheSummaryAndRejectsBadGrids() {
    QTemporaryDir dir;
    const QString cli = QStringLiteral(MIWB_BINARY_DIR "/bin/miwb-cli");
    auto write = [&](const QString& name, const Json& doc) {
      QFile f(dir.filePath(name));
      f.open(QIODevice::WriteOnly);
      f.write(QByteArray::fromStdString(doc.dump()));
      return dir.filePath(name);
    };
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MIWB_PLUGIN_PATH", MIWB_BENCHMARK_FIXTURE_DIR);
    auto runCli = [&](const QStringList& args, QString& err) {
      QProcess p;
      p.setProcessEnvironment(env);
      p.start(cli, args);
      p.waitForFinished(60000);
      err = QString::fromUtf8(p.readAllStandardError());
      return p.exitCode();
    };
    QString err;
    QCOMPARE(runCli({"run", write("good.json", suiteDoc("all", {100}, 1)), "--out", dir.filePath("out")}, err), 0);
    QCOMPARE(readCsv(dir.filePath("out/benchmark-summary.csv")).size(), std::size_t(4));
    const QString bad = write("bad.json", suiteDoc({"zeta"}, {100}, 1));
    QCOMPARE(runCli({"run", bad, "--out", dir.filePath("bad")}, err), 2);
    QVERIFY2(err.startsWith("error: " + bad + ": field 'grid.tasks[0]': dataset 'suite-fixture' has no task 'zeta'"),
             qPrintable(err));
    QCOMPARE(err.count('\n'), 1);
  }
};

QTEST_GUILESS_MAIN(BenchmarkTest)
#include "test_benchmark.moc"
