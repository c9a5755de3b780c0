// miwb-cli and conditional MI: sample writes z.npy and the truths, estimate --z gives I(X;Y|Z) in
// mi_nats with "quantity", --permutations adds the test's fields, and bad input is one error line
// with exit 2.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#include "miwb/io/npy.h"
#include "support/cli_process.h"
#include "support/random_matrices.h"

using miwb::test::runCli;

namespace {

QJsonObject parseJson(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

void writeNpy(const QString& path, const std::string& bytes) {
  miwb::test::writeFile(path, QByteArray::fromStdString(bytes));
}

// One "error:" line on stderr, nothing on stdout, exit 2, the message naming `about`.
void checkBadInput(const miwb::test::CliResult& r, const QString& about) {
  QCOMPARE(r.code, 2);
  QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
  const QStringList lines = r.err.trimmed().split('\n');
  QCOMPARE(lines.size(), 1);
  QVERIFY2(lines[0].startsWith("error: ") && lines[0].contains(about), qPrintable(r.err));
}

}  // namespace

class TestCmiCli : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // X -> Z -> Y with 20 000 samples: I(X;Y|Z) = 0, I(X;Y) > 0.
    const auto r = runCli({"sample", "-d", "gaussian-cmi", "-p", "rho_xz=0.8", "-p", "strength=0.6", "-p", "through=1",
                           "-n", "20000", "--seed", "3", "--out", path("markov")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto r2 = runCli({"sample", "-d", "gaussian-cmi", "-p", "dim=2", "-p", "through=0.4", "-n", "20000", "--seed", "4",
                            "--out", path("direct")});
    QVERIFY2(r2.code == 0, qPrintable(r2.err));
  }

  void sampleWritesZAndTruths() {
    QVERIFY(QFile::exists(path("markov/z.npy")));
    const QJsonObject meta = readJson(path("markov/meta.json"));
    QCOMPARE(meta["true_cmi_nats"].toDouble(), 0.0);
    // I(X;Y) of the chain: corr(X, Y) = sqrt(strength) rho_xz.
    const double r = std::sqrt(0.6) * 0.8;
    QVERIFY(std::fabs(meta["true_mi_nats"].toDouble() + 0.5 * std::log1p(-r * r)) < 1e-12);
    QCOMPARE(meta["dz"].toInt(), 1);
    const QJsonObject direct = readJson(path("direct/meta.json"));
    QCOMPARE(direct["dz"].toInt(), 2);
    QVERIFY(direct["true_cmi_nats"].toDouble() > 0.05);
    // A dataset without Z writes no z.npy and no true_cmi_nats.
    const auto g = runCli({"sample", "-d", "gaussian", "-n", "100", "--out", path("plain")});
    QCOMPARE(g.code, 0);
    QVERIFY(!QFile::exists(path("plain/z.npy")));
    QVERIFY(!readJson(path("plain/meta.json")).contains("true_cmi_nats"));
  }

  void estimateWithZ() {
    const QJsonObject meta = readJson(path("direct/meta.json"));
    const auto r = runCli({"estimate", "-e", "gaussian", "--x", path("direct/x.npy"), "--y", path("direct/y.npy"), "--z",
                           path("direct/z.npy"), "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject j = parseJson(r.out);
    QCOMPARE(j["quantity"].toString(), QString("I(X;Y|Z)"));
    QCOMPARE(j["dz"].toInt(), 2);
    // The Gaussian closed form at N = 20 000: within sampling error (sd about 0.007 here).
    QVERIFY2(std::fabs(j["mi_nats"].toDouble() - meta["true_cmi_nats"].toDouble()) < 0.03, qPrintable(r.out));
    QVERIFY(std::fabs(j["mi_bits"].toDouble() - j["mi_nats"].toDouble() / std::log(2.0)) < 1e-12);
    QVERIFY(j["p_value"].isNull() && j["null_mean_nats"].isNull());
    // Without --z the same files give I(X;Y), larger here.
    const auto plain = runCli({"estimate", "-e", "gaussian", "--x", path("direct/x.npy"), "--y", path("direct/y.npy"), "--json"});
    QCOMPARE(parseJson(plain.out)["quantity"].toString(), QString("I(X;Y)"));
    QVERIFY(parseJson(plain.out)["mi_nats"].toDouble() > j["mi_nats"].toDouble());
    // An interval from random halves of the rows, each estimating I(X;Y|Z) on its half.
    const auto halves = runCli({"estimate", "-e", "gaussian", "--x", path("direct/x.npy"), "--y", path("direct/y.npy"), "--z",
                                path("direct/z.npy"), "--resamples", "8", "--json"});
    QVERIFY2(halves.code == 0, qPrintable(halves.err));
    const QJsonObject h = parseJson(halves.out);
    QVERIFY(h["ci_low_nats"].toDouble() < h["mi_nats"].toDouble() && h["mi_nats"].toDouble() < h["ci_high_nats"].toDouble());
    QVERIFY2(h["ci_high_nats"].toDouble() - h["ci_low_nats"].toDouble() < 0.1, qPrintable(halves.out));
    // Text output names the quantity.
    const auto text = runCli({"estimate", "-e", "ksg", "--x", path("markov/x.npy"), "--y", path("markov/y.npy"), "--z",
                              path("markov/z.npy")});
    QVERIFY2(text.code == 0 && text.out.startsWith("ksg: I(X;Y|Z) = "), qPrintable(text.out + text.err));
  }

  void permutationTest() {
    // The chain: I(X;Y|Z) = 0, so the test should not reject; the direct data: it must.
    const auto markov = runCli({"estimate", "-e", "ksg", "--x", path("markov/x.npy"), "--y", path("markov/y.npy"), "--z",
                                path("markov/z.npy"), "--permutations", "19", "--json"});
    QVERIFY2(markov.code == 0, qPrintable(markov.err));
    const QJsonObject m = parseJson(markov.out);
    QCOMPARE(m["permutations"].toInt(), 19);
    QCOMPARE(m["permutation"].toString(), QString("local"));
    QVERIFY2(m["p_value"].toDouble() > 0.05 && m["p_value"].toDouble() <= 1.0, qPrintable(markov.out));  // not rejected
    QVERIFY(m["null_p95_nats"].toDouble() >= m["null_mean_nats"].toDouble());
    QVERIFY(std::fabs(m["effective_nats"].toDouble() - (m["mi_nats"].toDouble() - m["null_mean_nats"].toDouble())) < 1e-12);
    QVERIFY(m["analytic_p_value"].isNull());  // ksg has no closed-form null

    const auto direct = runCli({"estimate", "-e", "gaussian", "--x", path("direct/x.npy"), "--y", path("direct/y.npy"), "--z",
                                path("direct/z.npy"), "--permutations", "9", "--json"});
    QVERIFY2(direct.code == 0, qPrintable(direct.err));
    const QJsonObject d = parseJson(direct.out);
    QCOMPARE(d["p_value"].toDouble(), 0.1);  // 1 / (1 + 9): no null value reaches it
    QVERIFY(d["analytic_p_value"].toDouble() < 1e-10);
    // The same p with another thread count.
    const auto oneThread = runCli({"estimate", "-e", "ksg", "--x", path("markov/x.npy"), "--y", path("markov/y.npy"), "--z",
                                   path("markov/z.npy"), "--permutations", "19", "--threads", "1", "--json"});
    QCOMPARE(parseJson(oneThread.out)["p_value"].toDouble(), m["p_value"].toDouble());
    QCOMPARE(parseJson(oneThread.out)["null_mean_nats"].toDouble(), m["null_mean_nats"].toDouble());
  }

  // An experiment measures I(X;Y|Z) beside I(X;Y) on a dataset that draws Z, with a permutation
  // test of each: every row carries true_nats, p_value and effective_nats (JSON journal and CSV).
  void experimentWithZAndSignificance() {
    miwb::test::writeFile(path("cmi.json"), R"json({
      "schema": "miwb.experiment/1", "name": "cmi", "kind": "estimate", "seed": 5,
      "dataset": {"id": "gaussian-cmi", "params": {"rho_xz": 0.8, "strength": 0.6, "through": 0.5}},
      "estimators": [{"id": "ksg", "quantities": ["I(X;Y)", "I(X;Y|Z)"]},
                     {"id": "gaussian", "quantities": ["I(X;Y|Z)"]}],
      "grid": {"n": 2000}, "significance": {"permutations": 19}})json");
    const auto r = runCli({"run", path("cmi.json"), "--out", path("cmi-run")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile journal(path("cmi-run/results.jsonl"));
    QVERIFY(journal.open(QIODevice::ReadOnly));
    int conditional = 0;
    const double r2 = 0.6, c = 0.8, f = 0.5;
    const double sdS = std::sqrt((1 - f) * (1 - f) + f * f + 2 * f * (1 - f) * c), a = std::sqrt(r2) / sdS;
    const double ryz = a * ((1 - f) * c + f), partial = a * (1 - f) * std::sqrt(1 - c * c) / std::sqrt(1 - ryz * ryz);
    for (const QByteArray& line : journal.readAll().split('\n')) {
      if (line.trimmed().isEmpty()) continue;
      const QJsonObject row = QJsonDocument::fromJson(line).object();
      QCOMPARE(row["status"].toString(), QString("ok"));
      QVERIFY(row["p_value"].toDouble() > 0 && row["p_value"].toDouble() <= 1);
      QVERIFY(std::fabs(row["effective_nats"].toDouble() - (row["value_nats"].toDouble() - row["null_mean_nats"].toDouble())) < 1e-12);
      if (row["quantity"].toString() == "I(X;Y|Z)") {
        ++conditional;
        QVERIFY(std::fabs(row["true_nats"].toDouble() + 0.5 * std::log1p(-partial * partial)) < 1e-12);
        QVERIFY2(std::fabs(row["value_nats"].toDouble() - row["true_nats"].toDouble()) < 0.05, line.constData());
        QCOMPARE(row["p_value"].toDouble(), 0.05);  // I(X;Y|Z) = 0.07 nats at N = 2000: no permuted copy reaches it
      }
    }
    QCOMPARE(conditional, 2);
    QFile csv(path("cmi-run/results.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().trimmed().endsWith("ci_low_nats,ci_high_nats,p_value,effective_nats"));
  }

  void experimentErrors() {
    const QString doc = R"json({"schema": "miwb.experiment/1", "kind": "estimate", "dataset": {"id": "%1"},
      "estimators": [{"id": "%2", "quantities": ["I(X;Y|Z)"]}], "grid": {"n": 100}%3})json";
    miwb::test::writeFile(path("e1.json"), doc.arg("gaussian-cmi", "kde-upper", "").toUtf8());
    checkBadInput(runCli({"run", path("e1.json"), "--out", path("e1")}), "cannot condition on Z");
    miwb::test::writeFile(path("e2.json"), doc.arg("gaussian", "ksg", "").toUtf8());
    checkBadInput(runCli({"run", path("e2.json"), "--out", path("e2")}), "draws no Z");
    miwb::test::writeFile(path("e3.json"), doc.arg("gaussian-cmi", "ksg", R"json(, "significance": {"permutations": 0})json").toUtf8());
    checkBadInput(runCli({"run", path("e3.json"), "--out", path("e3")}), "significance.permutations");
  }

  void badInput() {
    const QString x = path("markov/x.npy"), y = path("markov/y.npy");
    // Z with other rows.
    writeNpy(path("short.npy"), miwb::encodeNpy(miwb::testing::normalMatrix(19999, 1, 1)));
    checkBadInput(runCli({"estimate", "-e", "ksg", "--x", x, "--y", y, "--z", path("short.npy")}), "short.npy");
    // NaN in Z.
    miwb::Matrix withNan = miwb::testing::normalMatrix(20000, 1, 2);
    withNan(17, 0) = std::numeric_limits<double>::quiet_NaN();
    writeNpy(path("nan.npy"), miwb::encodeNpy(withNan));
    checkBadInput(runCli({"estimate", "-e", "ksg", "--x", x, "--y", y, "--z", path("nan.npy")}), "NaN");
    // An estimator that cannot condition.
    checkBadInput(runCli({"estimate", "-e", "kde-upper", "--x", x, "--y", y, "--z", path("markov/z.npy")}),
                  "cannot condition on Z");
    // No permutations.
    checkBadInput(runCli({"estimate", "-e", "ksg", "--x", x, "--y", y, "--permutations", "0"}), "--permutations");
    checkBadInput(runCli({"estimate", "-e", "ksg", "--x", x, "--y", y, "--permutations", "many"}), "--permutations");
  }
};

QTEST_GUILESS_MAIN(TestCmiCli)
#include "test_cmi_cli.moc"
