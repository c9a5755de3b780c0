// What a run does at its resource limits: a store slice larger than the memory it may use stops the
// run with one sentence before anything is allocated; a task past its time limit is journaled as
// failed and the rest of the run goes on.
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/results_journal.h"
#include "miwb/memory_limit.h"

using namespace miwb;

namespace {

const std::string kStore = MIWB_SOURCE_DIR "/tests/stores/fixtures/stacked.npz";

// stacked.npz: x is 6 x 3 (144 bytes as doubles), act/alpha 3 x 6 x 4 (one slice: 192 bytes),
// act/zeta 3 x 6 x 2 (96 bytes).
Json planeDoc() {
  return {{"schema", "miwb.experiment/1"}, {"kind", "information-plane"}, {"seed", 1},
          {"dataset", {{"id", "activations"}, {"params", {{"path", kStore}}}}},
          {"estimators", {{{"id", "binning"}, {"params", {{"bins", 4}}}}}}};
}

// Two sleepy estimators: one far past the limit, one well within it.
Json sleepyDoc() {
  return {{"schema", "miwb.experiment/1"}, {"kind", "scaling"}, {"seed", 1},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.5}}}}},
          {"estimators", {{{"id", "sleepy"}, {"params", {{"ms", 10000}}}, {"label", "slow"}},
                          {{"id", "sleepy"}, {"params", {{"ms", 0}}}, {"label", "quick"}}}},
          {"grid", {{"n", {50}}, {"repeats", 2}}}};
}

struct Cli {
  int exitCode = -1;
  QString err;
};

Cli runCli(const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("MIWB_PLUGIN_PATH", MIWB_FIXTURE_PLUGIN_DIR);
  p.setProcessEnvironment(env);
  p.start(QCoreApplication::applicationDirPath() + "/miwb-cli", args);
  p.waitForFinished(120000);
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
}

QString writeDoc(const QTemporaryDir& dir, const Json& doc) {
  const QString path = dir.filePath("experiment.json");
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  f.write(QByteArray::fromStdString(doc.dump()));
  return path;
}

}  // namespace

class LimitsTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

  Status run(const Json& doc, const QString& out, RunSummary& summary, double timeLimit = 0) {
    Experiment e;
    MIWB_TRY(Experiment::fromJson(doc, e));
    MIWB_TRY(e.resolve(registry));
    RunOptions options;
    options.threads = 2;
    options.outDir = out;
    options.taskTimeLimitSeconds = timeLimit;
    return ExperimentRunner(registry, e).run(options, {}, summary);
  }

 private Q_SLOTS:
  void initTestCase() { registry.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR)); }
  void cleanup() { setMemoryLimitBytes(0); }

  void sizesParse() {
    std::uint64_t bytes = 0;
    QVERIFY(parseMemorySize("512M", bytes));
    QCOMPARE(bytes, std::uint64_t(512) << 20);
    QVERIFY(parseMemorySize("1.5g", bytes));
    QCOMPARE(bytes, std::uint64_t(3) << 29);
    QVERIFY(parseMemorySize("2GiB", bytes));
    QCOMPARE(bytes, std::uint64_t(2) << 30);
    QVERIFY(parseMemorySize("4096", bytes));
    QCOMPARE(bytes, std::uint64_t(4096));
    QVERIFY(parseMemorySize("1T", bytes));
    QCOMPARE(bytes, std::uint64_t(1) << 40);
    for (const char* bad : {"", "G", "-1G", "0", "12X", "1e30T", "nanG", "0.1"}) QVERIFY2(!parseMemorySize(bad, bytes), bad);
  }

  void defaultLimitIsPhysicalMemory() {
    QVERIFY(physicalMemoryBytes() > (std::uint64_t(64) << 20));
    QCOMPARE(memoryLimitBytes(), physicalMemoryBytes());
    setMemoryLimitBytes(1000);
    QCOMPARE(memoryLimitBytes(), std::uint64_t(1000));
    QCOMPARE(QString::fromStdString(checkAllocation(1001, "the array").message()),
             QString("the array needs 1001 bytes, more than the 1000 bytes it may use (--max-memory)"));
    QVERIFY(checkAllocation(1000, "the array").isOk());
    setMemoryLimitBytes(0);
    QCOMPARE(memoryLimitBytes(), physicalMemoryBytes());
    const Status huge = checkAllocation(physicalMemoryBytes() + 1, "the array");
    QVERIFY(QString::fromStdString(huge.message()).contains("more than this machine's"));
  }

  // 160 bytes: the inputs (144) fit, one slice of act/alpha (192) does not. The run stops while
  // opening the store, before any task (or slice) exists.
  void sliceOverTheLimitStopsTheRun() {
    setMemoryLimitBytes(160);
    QTemporaryDir dir;
    RunSummary summary;
    const Status s = run(planeDoc(), dir.path(), summary);
    QCOMPARE(s.code(), StatusCode::InvalidInput);
    QVERIFY2(QString::fromStdString(s.message())
                 .contains("member 'act/alpha' needs 192 bytes, more than the 160 bytes it may use (--max-memory)"),
             s.message().c_str());
    QCOMPARE(summary.total, 0);
    setMemoryLimitBytes(0);
    QVERIFY(run(planeDoc(), dir.path(), summary).isOk());
    QCOMPARE(summary.succeeded, 2 * 3 * 2);
  }

  void cliMaxMemory() {
    QTemporaryDir dir;
    const QString doc = writeDoc(dir, planeDoc());
    Cli r = runCli({"run", doc, "--out", dir.filePath("out"), "--max-memory", "160"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("error: ") && r.err.contains("'act/alpha' needs 192 bytes") && r.err.count('\n') == 1,
             qPrintable(r.err));
    r = runCli({"run", doc, "--out", dir.filePath("out"), "--max-memory", "lots"});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QString("error: option --max-memory: 'lots' is not a size (use e.g. 512M, 8G)\n"));
    QCOMPARE(runCli({"run", doc, "--out", dir.filePath("out"), "--max-memory", "1G"}).exitCode, 0);
  }

  // The slow tasks stop at 0.3 s (sleepy checks progress every 10 ms) and are journaled as failed;
  // the quick ones succeed; the run ends long before the 10 s the slow ones would take.
  void taskPastItsTimeLimitIsJournaledAsFailed() {
    for (const bool fromExperiment : {true, false}) {
      Json doc = sleepyDoc();
      if (fromExperiment) doc["task_time_limit"] = 0.3;
      QTemporaryDir dir;
      RunSummary summary;
      const auto start = std::chrono::steady_clock::now();
      QVERIFY(run(doc, dir.path(), summary, fromExperiment ? 0 : 0.3).isOk());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      QVERIFY2(seconds < 5, qPrintable(QString::number(seconds)));
      QCOMPARE(summary.total, 4);
      QCOMPARE(summary.failed, 2);
      QCOMPARE(summary.succeeded, 2);
      std::vector<ResultRow> journal;
      QVERIFY(ResultsJournal::read(dir.filePath("results.jsonl"), journal).isOk());
      QCOMPARE(int(journal.size()), 4);
      for (const auto& row : journal) {
        QCOMPARE(row.ok, row.estimator == "quick");
        if (!row.ok) QCOMPARE(QString::fromStdString(row.message), QString("stopped at the task time limit of 0.3 s"));
      }
    }
  }

  void experimentTimeLimitIsChecked() {
    Experiment e;
    Json doc = sleepyDoc();
    doc["task_time_limit"] = -1;
    QCOMPARE(QString::fromStdString(Experiment::fromJson(doc, e).message()),
             QString("field 'task_time_limit' must be a positive number of seconds, got a number"));
    doc["task_time_limit"] = 2.5;
    QVERIFY(Experiment::fromJson(doc, e).isOk());
    QCOMPARE(e.toJson()["task_time_limit"].get<double>(), 2.5);
  }

  void cliTaskTimeLimit() {
    QTemporaryDir dir;
    const QString doc = writeDoc(dir, sleepyDoc());
    Cli r = runCli({"run", doc, "--out", dir.filePath("out"), "--task-time-limit", "0.3"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("warning: 2 tasks failed"), qPrintable(r.err));
    r = runCli({"run", doc, "--out", dir.filePath("out"), "--task-time-limit", "soon"});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QString("error: option --task-time-limit: 'soon' is not a positive number of seconds\n"));
  }
};

QTEST_GUILESS_MAIN(LimitsTest)
#include "test_limits.moc"
