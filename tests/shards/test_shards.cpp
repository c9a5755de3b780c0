// Sharded runs: the hash that splits an experiment, shards that together give the unsharded table
// for every experiment kind, resuming a killed shard, merge, and `slurm --dry-run` and its bad input.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <map>
#include <set>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/results_journal.h"
#include "miwb/host/run/run_folder.h"
#include "miwb/host/cluster/shard.h"
#include "miwb/host/cluster/slurm_job.h"
#include "support/cli_process.h"

using namespace miwb;

namespace {

using Result = miwb::test::CliResult;

Result cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  return miwb::test::runCli(args, MIWB_FIXTURE_PLUGIN_DIR, env);
}

QString fixtureStore() { return QStringLiteral(MIWB_SOURCE_DIR "/tests/stores/fixtures/stacked.npz"); }

Json scalingDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "shard scaling"}, {"kind", "scaling"}, {"seed", 11},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.6}}}}},
          {"estimators", {{{"id", "ksg"}, {"params", {{"k", 3}}}, {"quantities", {"I(X;Y)", "H(X)"}}}, {{"id", "gaussian"}}}},
          {"grid", {{"n", {100, 200}}, {"repeats", 3}, {"sweep", {{"param", "rho"}, {"values", {0.3, 0.6}}}}}}};
}

Json estimateDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "shard estimate"}, {"kind", "estimate"}, {"seed", 4},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 2}, {"rho", 0.5}}}}},
          {"estimators", {{{"id", "ksg"}, {"label", "ksg k=2"}, {"params", {{"k", 2}}}},
                          {{"id", "ksg"}, {"label", "ksg k=5"}, {"params", {{"k", 5}}}},
                          {{"id", "gaussian"}, {"quantities", {"I(X;Y)", "H(X)", "H(Y)"}}}}},
          {"grid", {{"n", 300}}}};
}

Json planeDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "shard plane"}, {"kind", "information-plane"}, {"seed", 3},
          {"dataset", {{"id", "activations"}, {"params", {{"path", fixtureStore().toStdString()}}}}},
          {"estimators", {{{"id", "binning"}, {"params", {{"bins", 4}}}, {"quantities", {"I(X;T)", "I(T;Y)", "H(T)"}}},
                          {{"id", "kde-upper"}}}},
          {"grid", {{"layers", "all"}, {"epochs", "all"}, {"samples", "all"}}}};
}

Json benchmarkDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "shard benchmark"}, {"kind", "benchmark"}, {"seed", 8},
          {"dataset", {{"id", "bmi"}}},
          {"estimators", {{{"id", "ksg"}, {"params", {{"k", 3}}}}, {{"id", "gaussian"}}}},
          {"grid", {{"tasks", {"1v1-normal-0.75", "1v1-additive-0.1", "student-identity-2-2-1"}},
                    {"n", {100, 200}}, {"repeats", 2}}}};
}

// Every column but the timing: what must not depend on how the run was split.
QString valueColumns(const ResultRow& r) {
  Json j = r.toJson();
  j.erase("seconds");
  if (j.contains("details")) j["details"].erase("seconds");
  return QString::fromStdString(j.dump());
}

}  // namespace

class ShardsTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;
  QTemporaryDir dir;
  QString path(const QString& name) { return dir.filePath(name); }

  Experiment parse(const Json& doc) {
    Experiment e;
    Status s = Experiment::fromJson(doc, e);
    if (s) s = e.resolve(registry);
    if (!s) qFatal("%s", s.message().c_str());
    return e;
  }

  Status run(const Experiment& e, const QString& out, std::optional<ShardSpec> shard, RunSummary& summary) {
    RunOptions options;
    options.threads = 2;
    options.outDir = out;
    options.shard = shard;
    return ExperimentRunner(registry, e).run(options, {}, summary);
  }

  void expectBadInput(const Result& r, const QString& needle) {
    QVERIFY2(r.code == 2, qPrintable(QString("exit %1, stderr: %2").arg(r.code).arg(r.err)));
    const QStringList lines = r.err.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith("error: ") && lines[0].contains(needle),
             qPrintable(lines[0] + "  (expected: " + needle + ")"));
  }

 private Q_SLOTS:
  void initTestCase() { registry.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR)); }

  // The published FNV-1a 64 test vectors: the hash must be this one on every platform.
  void hashIsFnv1a64() {
    QCOMPARE(fnv1a64(""), 0xcbf29ce484222325ull);
    QCOMPARE(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
    QCOMPARE(fnv1a64("foobar"), 0x85944171f73967e8ull);
    // I(X;T) and I(T;Y) of one point share a shard key; entropies of a pair are their own tasks.
    QCOMPARE(shardKey("plane|b|layer=a|epoch=5|I(X;T)", "I(X;T)"), std::string("plane|b|layer=a|epoch=5"));
    QCOMPARE(shardKey("scaling|k|n=100|r=0", "I(X;Y)"), std::string("scaling|k|n=100|r=0"));
    QCOMPARE(shardOf("foobar", "I(X;Y)", 7), int(0x85944171f73967e8ull % 7));
  }

  void shardSpecs() {
    ShardSpec s;
    QVERIFY(parseShardSpec("2/7", s).isOk());
    QCOMPARE(s, (ShardSpec{2, 7}));
    QVERIFY(parseShardSpec("0/1", s).isOk());
    for (const char* bad : {"3/3", "-1/2", "0/0", "1/-2", "1", "a/b", "1/2/3", "", "1 /2"}) {
      const Status st = parseShardSpec(bad, s);
      QVERIFY2(!st.isOk() && st.code() == StatusCode::InvalidInput, bad);
      QVERIFY(st.message().rfind("option --shard: '", 0) == 0);
    }
    QVERIFY(parseShardSpec("3/3", s).message().find("outside 0 <= I < K") != std::string::npos);
    QVERIFY(parseShardSpec("0/0", s).message().find("K < 1") != std::string::npos);
    std::optional<ShardSpec> parsed;
    QVERIFY(parseJournalFileName(journalFileName(ShardSpec{4, 7}), parsed));
    QCOMPARE(*parsed, (ShardSpec{4, 7}));
    QCOMPARE(journalFileName(ShardSpec{4, 7}), QString("results.shard-4-of-7.jsonl"));
    QVERIFY(parseJournalFileName("results.jsonl", parsed) && !parsed);
    QVERIFY(!parseJournalFileName("results.shard-7-of-7.jsonl", parsed));
    QVERIFY(!parseJournalFileName("results.csv", parsed));
  }

  void shardsTogetherEqualTheUnshardedTable_data() {
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<int>("shards");
    for (const auto& [name, doc] : {std::pair{"estimate", estimateDoc()}, std::pair{"scaling", scalingDoc()},
                                    std::pair{"information-plane", planeDoc()}, std::pair{"benchmark", benchmarkDoc()}})
      for (int k : {1, 2, 3, 7})
        QTest::addRow("%s K=%d", name, k) << QByteArray::fromStdString(doc.dump()) << k;
  }

  void shardsTogetherEqualTheUnshardedTable() {
    QFETCH(QByteArray, doc);
    QFETCH(int, shards);
    const Experiment e = parse(Json::parse(doc.toStdString()));
    QTemporaryDir whole, split;
    RunSummary unsharded;
    QVERIFY(run(e, whole.path(), std::nullopt, unsharded).isOk());
    QVERIFY(unsharded.total > 0 && unsharded.failed == 0);

    std::set<std::string> seen;
    int total = 0;
    for (int i = 0; i < shards; ++i) {
      RunSummary part;
      const Status s = run(e, split.path(), ShardSpec{i, shards}, part);
      QVERIFY2(s.isOk(), s.message().c_str());
      total += part.total;
      std::vector<ResultRow> rows;
      QVERIFY(ResultsJournal::read(split.filePath(journalFileName(ShardSpec{i, shards})), rows).isOk());
      QCOMPARE(int(rows.size()), part.total);
      for (const auto& row : rows) {
        QCOMPARE(shardOf(row.task, row.quantity, shards), i);
        QVERIFY2(seen.insert(row.task).second, row.task.c_str());  // in one shard only
      }
    }
    QCOMPARE(total, unsharded.total);
    QVERIFY(!QFileInfo::exists(split.filePath("results.csv")));  // left to merge

    RunFolderState merged;
    QVERIFY(readRunFolders({split.path()}, merged).isOk());
    QCOMPARE(merged.shardCount, shards);
    QVERIFY(merged.gaps.empty());
    QCOMPARE(merged.table.size(), unsharded.table.size());
    for (std::size_t i = 0; i < merged.table.size(); ++i)
      QCOMPARE(valueColumns(merged.table[i]), valueColumns(unsharded.table[i]));
    if (shards == 3 && e.kind == ExperimentKind::InformationPlane) {
      // The plane's two MI values of one point come from one call: never split across shards.
      for (const auto& row : merged.table)
        QCOMPARE(shardOf(row.task, row.quantity, 3), shardOf(shardKey(row.task, row.quantity) + "|I(T;Y)", "I(T;Y)", 3));
    }
  }

  // A shard finds what every journal in the folder holds, whatever K wrote it.
  void shardSkipsTasksDoneByAnyJournal() {
    const Experiment e = parse(scalingDoc());
    QTemporaryDir out;
    RunSummary first, again;
    QVERIFY(run(e, out.path(), ShardSpec{0, 2}, first).isOk());
    QVERIFY(run(e, out.path(), ShardSpec{0, 3}, again).isOk());
    int overlap = 0;
    std::vector<ResultRow> rows;
    QVERIFY(ResultsJournal::read(out.filePath(journalFileName(ShardSpec{0, 2})), rows).isOk());
    for (const auto& row : rows) overlap += shardOf(row.task, row.quantity, 3) == 0;
    QVERIFY(overlap > 0);
    QCOMPARE(again.skipped, overlap);
    QCOMPARE(again.succeeded, again.total - overlap);
  }

  void shardRefusesAFolderOfAnotherExperiment() {
    QTemporaryDir out;
    RunSummary s;
    QVERIFY(run(parse(scalingDoc()), out.path(), ShardSpec{0, 2}, s).isOk());
    Json other = scalingDoc();
    other["seed"] = 12;
    const Status st = run(parse(other), out.path(), ShardSpec{1, 2}, s);
    QCOMPARE(st.code(), StatusCode::InvalidInput);
    QVERIFY2(st.message().find("holds a different experiment") != std::string::npos, st.message().c_str());
  }

  // Killed with SIGKILL mid-run and started again: the shard finishes without redoing a task.
  void killedShardResumes() {
    miwb::test::writeFile(path("slow.json"), R"({"schema": "miwb.experiment/1", "name": "slow", "kind": "scaling", "seed": 5,
      "dataset": {"id": "gaussian", "params": {"rho": 0.5}},
      "estimators": [{"id": "sleepy", "params": {"ms": 150}}, {"id": "gaussian"}],
      "grid": {"n": [50, 100], "repeats": 12}})");
    const QString out = path("killed");
    const QString journal = out + "/results.shard-1-of-2.jsonl";
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MIWB_PLUGIN_PATH", MIWB_FIXTURE_PLUGIN_DIR);
    p.setProcessEnvironment(env);
    p.start(QCoreApplication::applicationDirPath() + "/miwb-cli",
            {"run", path("slow.json"), "--out", out, "--threads", "2", "--shard", "1/2"});
    QVERIFY(p.waitForStarted());
    auto journaled = [&] {
      QFile f(journal);
      return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(journaled() >= 4, 60000);
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished();
    const int before = journaled();
    std::vector<PlannedTask> planned;
    QVERIFY(readTaskList(out, planned).isOk());
    QCOMPARE(int(planned.size()), 48);
    int mine = 0;
    for (const auto& t : planned) mine += shardOf(t.task, t.quantity, 2) == 1;
    QVERIFY2(before > 0 && before < mine, qPrintable(QString("%1 of %2").arg(before).arg(mine)));

    const Result resumed = cli({"run", path("slow.json"), "--out", out, "--shard", "1/2"});
    QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
    QVERIFY2(resumed.out.contains(QString("shard 1/2: %1 tasks (%2 already done, %3 ran").arg(mine).arg(before).arg(mine - before)),
             qPrintable(resumed.out));
    std::vector<ResultRow> rows;
    QVERIFY(ResultsJournal::read(journal, rows).isOk());
    QCOMPARE(int(rows.size()), mine);  // each task journaled once: nothing was done twice
    std::set<std::string> keys;
    for (const auto& row : rows) keys.insert(row.task);
    QCOMPARE(int(keys.size()), mine);
  }

  void shardSpecBadInput() {
    miwb::test::writeFile(path("e.json"), QByteArray::fromStdString(scalingDoc().dump()));
    expectBadInput(cli({"run", path("e.json"), "--out", path("bad"), "--shard", "3/3"}), "option --shard: '3/3' is outside 0 <= I < K");
    expectBadInput(cli({"run", path("e.json"), "--out", path("bad"), "--shard", "-1/3"}), "outside 0 <= I < K");
    expectBadInput(cli({"run", path("e.json"), "--out", path("bad"), "--shard", "0/0"}), "K < 1");
    expectBadInput(cli({"run", path("e.json"), "--out", path("bad"), "--shard", "two"}), "not of the form I/K");
    expectBadInput(cli({"slurm", path("e.json"), "--out", path("bad"), "--shards", "0", "--dry-run"}), "option --shards");
  }

  // merge: the single run's files from the shards; a missing shard is named with what it lacks.
  void mergeWritesWhatASingleRunWrites() {
    miwb::test::writeFile(path("m.json"), QByteArray::fromStdString(scalingDoc().dump()));
    const QString out = path("merge"), whole = path("whole");
    QCOMPARE(cli({"run", path("m.json"), "--out", whole}).code, 0);
    QCOMPARE(cli({"run", path("m.json"), "--out", out, "--shard", "0/3"}).code, 0);
    QCOMPARE(cli({"run", path("m.json"), "--out", out, "--shard", "2/3"}).code, 0);

    std::vector<PlannedTask> planned;
    QVERIFY(readTaskList(out, planned).isOk());
    int lacking = 0;
    for (const auto& t : planned) lacking += shardOf(t.task, t.quantity, 3) == 1;
    const Result incomplete = cli({"merge", out});
    QCOMPARE(incomplete.code, 1);
    QVERIFY2(incomplete.err.contains(QString("shard 1 of 3: %1 of %1 tasks lack a result (0 failed, %1 not run; it has "
                                             "no journal, so it never started)").arg(lacking)),
             qPrintable(incomplete.err));
    QVERIFY2(incomplete.err.contains(QString("error: %1: %2 of %3 tasks lack a result in shard 1 of 3").arg(out).arg(lacking).arg(planned.size())),
             qPrintable(incomplete.err));
    QVERIFY(!QFileInfo::exists(out + "/results.csv"));

    const Result partial = cli({"merge", out, "--partial"});
    QVERIFY2(partial.code == 0, qPrintable(partial.err));
    QVERIFY(partial.err.contains("warning: partial results"));
    auto lines = [](const QString& file) {
      QFile f(file);
      f.open(QIODevice::ReadOnly);
      return f.readAll().count('\n');
    };
    QCOMPARE(lines(out + "/results.csv"), qsizetype(1 + planned.size() - lacking));

    QCOMPARE(cli({"run", path("m.json"), "--out", out, "--shard", "1/3"}).code, 0);
    const Result merged = cli({"merge", out});
    QVERIFY2(merged.code == 0, qPrintable(merged.err));
    // Three shard journals and the results.jsonl the partial merge wrote.
    QVERIFY(merged.out.contains(QString("merged %1 of %1 tasks from 4 journals").arg(planned.size())));
    // Same table as the single run, timings aside (column 15 is "seconds").
    const auto table = miwb::test::csvRowsWithoutSeconds;
    QCOMPARE(table(out + "/results.csv"), table(whole + "/results.csv"));
    std::vector<ResultRow> journalRows;
    QVERIFY(ResultsJournal::read(out + "/results.jsonl", journalRows).isOk());
    QCOMPARE(journalRows.size(), planned.size());
    // The merged folder is complete: a plain run into it has nothing left to do.
    const Result rerun = cli({"run", path("m.json"), "--out", out});
    QVERIFY(rerun.out.contains(QString("(%1 already done, 0 ran").arg(planned.size())));
  }

  void mergeOfTwoExperimentsIsAnError() {
    Json other = scalingDoc();
    other["name"] = "another";
    miwb::test::writeFile(path("a.json"), QByteArray::fromStdString(scalingDoc().dump()));
    miwb::test::writeFile(path("b.json"), QByteArray::fromStdString(other.dump()));
    QCOMPARE(cli({"run", path("a.json"), "--out", path("ea"), "--shard", "0/2"}).code, 0);
    QCOMPARE(cli({"run", path("b.json"), "--out", path("eb"), "--shard", "1/2"}).code, 0);
    expectBadInput(cli({"merge", path("ea"), path("eb")}), path("eb") + ": holds a different experiment ('another')");
    expectBadInput(cli({"merge", path("nothing-here")}), "no such folder");
    QVERIFY(QDir().mkpath(path("empty")));
    expectBadInput(cli({"merge", path("empty")}), "no experiment.json");
    // Shards of one experiment in two folders merge into the first.
    QCOMPARE(cli({"run", path("a.json"), "--out", path("ea2"), "--shard", "1/2"}).code, 0);
    const Result two = cli({"merge", path("ea"), path("ea2")});
    QVERIFY2(two.code == 0, qPrintable(two.err));
  }

  void slurmWithoutSbatchSaysSlurmIsMissing() {
    miwb::test::writeFile(path("s.json"), QByteArray::fromStdString(scalingDoc().dump()));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QVERIFY(QDir().mkpath(path("no-slurm-bin")));
    env.insert("PATH", path("no-slurm-bin"));
    expectBadInput(cli({"slurm", path("s.json"), "--out", path("sl"), "--shards", "3"}, env),
                   "sbatch is not on PATH: SLURM is not installed here");
  }

  void slurmDryRunWritesReadableScripts() {
    miwb::test::writeFile(path("s.json"), QByteArray::fromStdString(scalingDoc().dump()));
    const QString out = path("dry");
    const Result r = cli({"slurm", path("s.json"), "--out", out, "--shards", "3", "--dry-run", "--partition", "short",
                          "--time=00:10:00", "--mem", "2G", "--account", "lab", "--qos=low", "--figures", "png"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile shards(out + "/slurm/shards.sbatch"), merge(out + "/slurm/merge.sbatch");
    QVERIFY(shards.open(QIODevice::ReadOnly) && merge.open(QIODevice::ReadOnly));
    const QString s = QString::fromUtf8(shards.readAll()), m = QString::fromUtf8(merge.readAll());
    for (const QString& line : {QString("#SBATCH --array=0-2\n"), QString("#SBATCH --partition=short\n"),
                                QString("#SBATCH --time=00:10:00\n"), QString("#SBATCH --mem=2G\n"),
                                QString("#SBATCH --account=lab\n"), QString("#SBATCH --qos=low\n"),
                                QString("--shard \"${SLURM_ARRAY_TASK_ID}/3\" --threads \"${SLURM_CPUS_PER_TASK:-1}\""),
                                QString(" --out " + out + " ")})
      QVERIFY2(s.contains(line), qPrintable(line + " not in:\n" + s));
    QVERIFY2(m.contains(" merge " + out + " --figures png\n"), qPrintable(m));
    QVERIFY(m.contains("#SBATCH --partition=short\n"));
    QVERIFY(r.out.contains("--dependency=afterany:<array job id>"));
    QVERIFY(QFileInfo::exists(out + "/experiment.json"));
    expectBadInput(cli({"slurm", path("s.json"), "--out", out, "--shards", "3", "--dry-run", "--array=1-2"}),
                   "option --array: miwb-cli slurm sets it");
    expectBadInput(cli({"slurm", path("s.json"), "--out", out, "--shards", "3", "--dry-run", "-p", "x"}),
                   "--name=value");
  }

  // After some shards ran, submitting again asks only for those that still lack tasks.
  void slurmResubmitsOnlyIncompleteShards() {
    miwb::test::writeFile(path("r.json"), QByteArray::fromStdString(scalingDoc().dump()));
    const QString out = path("resub");
    QCOMPARE(cli({"run", path("r.json"), "--out", out, "--shard", "0/3"}).code, 0);
    const Result r = cli({"slurm", path("r.json"), "--out", out, "--shards", "3", "--dry-run"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile shards(out + "/slurm/shards.sbatch");
    QVERIFY(shards.open(QIODevice::ReadOnly));
    QVERIFY(shards.readAll().contains("#SBATCH --array=1,2\n"));
    Json other = scalingDoc();
    other["seed"] = 99;
    miwb::test::writeFile(path("r2.json"), QByteArray::fromStdString(other.dump()));
    expectBadInput(cli({"slurm", path("r2.json"), "--out", out, "--shards", "3", "--dry-run"}), "holds a different experiment");
  }

  void scontrolOutputIsRead() {
    const QString text =
        "JobId=41 ArrayJobId=40 ArrayTaskId=1 JobName=miwb-x UserId=root(0) JobState=FAILED Reason=NonZeroExitCode "
        "Dependency=(null) ExitCode=1:0 RunTime=00:00:01\n"
        "JobId=40 ArrayJobId=40 ArrayTaskId=2-4%2 JobName=miwb-x JobState=PENDING Reason=JobArrayTaskLimit ExitCode=0:0\n";
    const auto jobs = parseScontrolJobs(text);
    QCOMPARE(int(jobs.size()), 2);
    QCOMPARE(jobs[0].jobId, QString("41"));
    QCOMPARE(jobs[0].state, QString("FAILED"));
    QCOMPARE(jobs[0].exitCode, QString("1:0"));
    QCOMPARE(jobs[0].arrayTasks, std::vector<int>{1});
    QCOMPARE(jobs[1].arrayTasks, (std::vector<int>{2, 3, 4}));
    QVERIFY(isFinalSlurmState("FAILED") && isFinalSlurmState("CANCELLED") && !isFinalSlurmState("PENDING"));
    QString id;
    QVERIFY(parseSbatchJobId("1234;cluster\n", id).isOk());
    QCOMPARE(id, QString("1234"));
    QVERIFY(!parseSbatchJobId("sbatch: error: invalid partition", id).isOk());
    QCOMPARE(arraySpec({}, 7), QString("0-6"));
    QCOMPARE(arraySpec({1, 4}, 7), QString("1,4"));
  }
};

QTEST_GUILESS_MAIN(ShardsTest)
#include "test_shards.moc"
