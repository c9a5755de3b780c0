// miwb-cli as scripts use it: the JSON contract, and bad input answered with exit code 2 and one
// "error:" line that names the problem. Also a run killed with SIGKILL and restarted.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstring>

#include "miwb/io/npy.h"
#include "miwb/params.h"
#include "support/cli_process.h"

using miwb::Json;

namespace {

using Result = miwb::test::CliResult;
using miwb::test::writeFile;

Result cli(const QStringList& args, const QString& pluginPath = {}) { return miwb::test::runCli(args, pluginPath); }

QByteArray npyWithHeader(const std::string& dict, const QByteArray& data) {
  std::string header = dict;
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  QByteArray out("\x93NUMPY\x01\x00", 8);
  out.append(char(header.size() & 0xff));
  out.append(char(header.size() >> 8));
  out.append(header.data(), qsizetype(header.size()));
  return out + data;
}

QByteArray float64s(std::initializer_list<double> values) {
  QByteArray out;
  for (double v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

}  // namespace

class CliTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir;
  QString path(const QString& name) { return dir.filePath(name); }

  // Checks a bad-input answer: exit 2, one stderr line starting "error:" that contains `needle`.
  void expectBadInput(const QStringList& args, const QString& needle) {
    const Result r = cli(args);
    QVERIFY2(r.code == 2, qPrintable(QString("exit %1, stderr: %2").arg(r.code).arg(r.err)));
    const QStringList lines = r.err.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith("error: "), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(needle), qPrintable(lines[0] + "  (expected: " + needle + ")"));
  }

  QStringList estimate(const QString& x, const QString& y, const QStringList& extra = {"-e", "gaussian"}) {
    return QStringList{"estimate"} + extra + QStringList{"--x", x, "--y", y};
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir.isValid());
    const Result r = cli({"sample", "-d", "gaussian", "-p", "rho=0.8", "-p", "dim=2", "-n", "500", "--seed", "3",
                          "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    writeFile(path("y3.npy"), npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", float64s({1, 2, 3})));
  }

  void sampleWritesTruth() {
    QFile meta(path("meta.json"));
    QVERIFY(meta.open(QIODevice::ReadOnly));
    const Json j = Json::parse(meta.readAll().toStdString());
    QCOMPARE(j["true_mi_nats"].get<double>(), -std::log(1 - 0.64));  // 2 pairs: -2/2 ln(1 - rho^2)
    QCOMPARE(j["n"].get<int>(), 500);
  }

  void estimateJsonContract() {
    const Result r = cli(estimate(path("x.npy"), path("y.npy"), {"-e", "gaussian", "--json"}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const Json j = Json::parse(r.out.toStdString());
    for (const char* key : {"estimator", "params", "n", "dx", "dy", "mi_nats", "mi_bits", "stderr_nats", "seconds"})
      QVERIFY2(j.contains(key), key);
    QCOMPARE(j["n"].get<int>(), 500);
    QCOMPARE(j["dx"].get<int>(), 2);
    QCOMPARE(j["params"]["ridge"].get<double>(), 1e-10);
    QCOMPARE(j["mi_bits"].get<double>(), j["mi_nats"].get<double>() / std::log(2.0));
    // N = 500 at 1.02 nats: the Gaussian estimate's sd is about 0.04.
    QVERIFY(std::fabs(j["mi_nats"].get<double>() + std::log(1 - 0.64)) < 0.2);
  }

  void missingFile() { expectBadInput(estimate(path("nope.npy"), path("y.npy")), "nope.npy: no such file"); }

  void truncatedNpy() {
    QFile x(path("x.npy"));
    QVERIFY(x.open(QIODevice::ReadOnly));
    writeFile(path("cut.npy"), x.read(x.size() / 2));
    expectBadInput(estimate(path("cut.npy"), path("y.npy")), "cut.npy: truncated");
  }

  void headerClaimingTooMuchMemory() {
    writeFile(path("huge.npy"),
               npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 10), }", float64s({1})));
    expectBadInput(estimate(path("huge.npy"), path("y.npy")), "more than this machine's");
  }

  void unsupportedDtype() {
    writeFile(path("complex.npy"), npyWithHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
                                                  float64s({1, 2})));
    expectBadInput(estimate(path("complex.npy"), path("y.npy")), "unsupported dtype '<c16'");
    writeFile(path("text.npy"), npyWithHeader("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }",
                                               QByteArray(12, 'a')));
    expectBadInput(estimate(path("text.npy"), path("y.npy")), "unsupported dtype '<U3'");
  }

  void nanAndInf() {
    writeFile(path("nan.npy"), npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                                              float64s({1, std::nan(""), 3})));
    expectBadInput(estimate(path("nan.npy"), path("y3.npy")), "NaN) at row 1, column 0");
    writeFile(path("inf.csv"), "a,b\n1,2\n3,inf\n4,5\n");
    expectBadInput(estimate(path("inf.csv"), path("y3.npy")), "inf.csv has a non-finite value (Inf) at row 1, column 1");
  }

  // An unknown bmi task gets the families, not the 40 ids (the task parameter's choices_hint).
  void unknownBmiTaskNamesFamilies() {
    expectBadInput({"sample", "-d", "bmi", "-p", "task=foo", "-n", "10", "--out", path("foo")},
                   "unknown task 'foo' for 'bmi': expected a task id of bmi's families: one-dimensional");
    const Result r = cli({"sample", "-d", "bmi", "-p", "task=foo", "-n", "10", "--out", path("foo")});
    QVERIFY2(r.err.contains("multinormal-dense-D-D-0.5") && r.err.contains("asinh-student-identity-D-D-NU") &&
                 r.err.contains("docs/benchmark.md") && !r.err.contains("multinormal-dense-25-25-0.5"),
             qPrintable(r.err));
    // Other choices keep listing theirs.
    expectBadInput({"sample", "-d", "bmi", "-p", "transform=foo", "-n", "10", "--out", path("foo")},
                   "parameter 'transform' of 'bmi' must be one of none, normal_cdf");
  }

  void differentSampleCounts() { expectBadInput(estimate(path("x.npy"), path("y3.npy")), "has 500 samples but Y"); }

  void tooFewSamplesForK() {
    expectBadInput(estimate(path("y3.npy"), path("y3.npy"), {"-e", "ksg", "-p", "k=3"}), "parameter 'k' of 'ksg' is 3 but there are only 3 samples");
  }

  void unknownEstimatorAndParameters() {
    expectBadInput(estimate(path("x.npy"), path("y.npy"), {"-e", "nope"}), "unknown estimator 'nope'");
    expectBadInput(estimate(path("x.npy"), path("y.npy"), {"-e", "gaussian", "-p", "ridg=1"}),
                   "unknown parameter 'ridg' for 'gaussian'");
    expectBadInput(estimate(path("x.npy"), path("y.npy"), {"-e", "gaussian", "-p", "ridge=5"}),
                   "parameter 'ridge' of 'gaussian' must be in [0, 1], got 5");
  }

  void fortranOrderAndIntegerInputs() {
    // A 3x2 float32 array stored column-major, and int16 labels: read as the same matrix as C order.
    QByteArray f32;
    for (float v : {1.f, 2.f, 3.f, 10.f, 20.f, 30.f}) f32.append(reinterpret_cast<const char*>(&v), 4);
    writeFile(path("fortran.npy"), npyWithHeader("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 2), }", f32));
    miwb::NpyArray a;
    QVERIFY(miwb::readNpyFile(path("fortran.npy"), a).isOk());
    QCOMPARE(a.data, (std::vector<double>{1, 10, 2, 20, 3, 30}));
  }

  void badExperimentNamesTheField() {
    writeFile(path("bad.json"), R"({"schema": "miwb.experiment/1", "kind": "scaling", "seed": 1,
      "dataset": {"id": "gaussian"}, "estimators": [{"id": "gaussian"}], "grid": {"n": [100], "repeats": "five"}})");
    expectBadInput({"run", path("bad.json"), "--out", path("badrun")}, "field 'grid.repeats' must be a positive integer");
    writeFile(path("broken.json"), "{\"schema\": ");
    expectBadInput({"run", path("broken.json"), "--out", path("badrun")}, "broken.json: not valid JSON");
  }

  void pluginsJsonListsBrokenFixtures() {
    const Result r = cli({"plugins", "--json"}, QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR));
    QCOMPARE(r.code, 0);
    const Json j = Json::parse(r.out.toStdString());
    QStringList rejected;
    for (const auto& p : j["plugins"])
      if (p["state"] == "rejected") rejected << QString::fromStdString(p["path"].get<std::string>());
    // wrong IID, missing fields, unresolved symbol, plain library, garbage file, newer SDK minor version
    QCOMPARE(rejected.size(), 6);
  }

  void killedRunResumes() {
    writeFile(path("slow.json"), R"({"schema": "miwb.experiment/1", "name": "slow", "kind": "scaling", "seed": 5,
      "dataset": {"id": "gaussian", "params": {"rho": 0.5}},
      "estimators": [{"id": "sleepy", "params": {"ms": 150}}, {"id": "gaussian"}],
      "grid": {"n": [50, 100], "repeats": 6}})");
    const QString out = path("killed");
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MIWB_PLUGIN_PATH", MIWB_FIXTURE_PLUGIN_DIR);
    p.setProcessEnvironment(env);
    p.start(QCoreApplication::applicationDirPath() + "/miwb-cli", {"run", path("slow.json"), "--out", out, "--threads", "2"});
    QVERIFY(p.waitForStarted());
    // Kill once a few tasks are journaled.
    auto journaled = [&] {
      QFile f(out + "/results.jsonl");
      return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(journaled() >= 4, 30000);
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished();
    const int before = journaled();
    QVERIFY2(before > 0 && before < 24, qPrintable(QString::number(before)));

    const Result resumed = cli({"run", path("slow.json"), "--out", out}, QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR));
    QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
    QVERIFY2(resumed.out.contains(QString("24 tasks (%1 already done, %2 ran").arg(before).arg(24 - before)),
             qPrintable(resumed.out));
    const Result fresh = cli({"run", path("slow.json"), "--out", path("fresh")}, QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR));
    QCOMPARE(fresh.code, 0);
    // Same table, timings aside: compare every column but "seconds".
    const auto table = miwb::test::csvRowsWithoutSeconds;
    QCOMPARE(table(out + "/results.csv"), table(path("fresh") + "/results.csv"));
  }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
