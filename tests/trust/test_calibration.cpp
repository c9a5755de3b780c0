// Calibration against held-out known-truth data: the calibrated interval holds the truth where the
// estimator is far off, is narrow where it is easy, and turns into a bound where it saturates.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "miwb/host/trust/calibration.h"
#include "miwb/host/trust/calibration_family.h"
#include "trust_tests.h"

using namespace miwb;

namespace trust_tests {
namespace {

QTemporaryDir& scratch() {
  static QTemporaryDir dir;
  return dir;
}

// The user's side: an estimate on held-out data (a seed no calibration uses).
double userEstimate(const std::string& id, const Json& params, Index n, Index dim, double truth, Json& resolved) {
  std::unique_ptr<Estimator> estimator;
  if (!registry().createEstimator(id, params, estimator, &resolved).isOk()) return NAN;
  Variable x, y;
  gaussianPairs(n, dim, rhoFor(truth, dim), 987654, x, y);
  RunContext ctx(1);
  Estimate e;
  if (!estimator->mutualInformation(x, y, ctx, e).isOk()) return NAN;
  return e.valueNats;
}

CalibrationRequest request(const std::string& id, const Json& resolved, Index n, Index dim, double estimate,
                           const QString& cache) {
  CalibrationRequest r;
  r.estimatorId = id;
  r.estimatorParams = resolved;
  r.n = n;
  r.dx = r.dy = dim;
  r.estimate = estimate;
  r.cacheFolder = cache;
  return r;
}

}  // namespace

void TestCalibration::initTestCase() { cacheFolder_ = scratch().filePath("calibration"); }

void TestCalibration::farOffKsgContainsTruth() {
  Json resolved;
  const double estimate = userEstimate("ksg", Json::object(), 2000, 10, 2.0, resolved);
  qInfo("ksg at N = 2000, 10+10 dims, truth 2 nats: %.3f", estimate);
  QVERIFY(estimate > 0.6 && estimate < 1.3);  // far off, as the literature says (about 0.9)
  CalibrationResult result;
  const CalibrationRequest r = request("ksg", resolved, 2000, 10, estimate, {});
  QVERIFY(calibrate(registry(), r, result).isOk());
  qInfo("%s", result.statement.c_str());
  const auto& rb = result.readBack;
  QVERIFY(rb.calibrated && rb.low && rb.high);
  QVERIFY2(*rb.low <= 2.0 && 2.0 <= *rb.high, qPrintable(QString("[%1, %2]").arg(*rb.low).arg(*rb.high)));
  QVERIFY(!result.bound);
  QVERIFY(*rb.high - *rb.low < 1.5);  // informative, not the whole grid
  const Json j = result.toJson(r);
  for (const char* key : {"estimate_nats", "calibrated_nats", "calibrated_low_nats", "calibrated_high_nats", "curve"})
    QVERIFY2(j.contains(key), key);
  QVERIFY(j["curve"].size() >= 4);
  // The curve reaches below the estimate's reach (an upper band under the estimate) and above it
  // (two lower bands over it), and no further down than it needs: at a truth of 2 ksg gives
  // about 0.9, so truths 0 .. 0.5 are not computed.
  QVERIFY(j["curve"][0]["band_high_nats"].get<double>() < estimate);
  QVERIFY(j["curve"][0]["true_nats"].get<double>() >= 0.5);
  int above = 0;
  for (const Json& row : j["curve"]) above += row["band_low_nats"].get<double>() > estimate;
  QVERIFY(above >= 2);
  QCOMPARE(result.computedPoints, static_cast<int>(j["curve"].size()));
}

void TestCalibration::easyOneDimensionalIsNarrow() {
  Json resolved;
  const double estimate = userEstimate("ksg", Json::object(), 2000, 1, 0.5, resolved);
  CalibrationResult result;
  QVERIFY(calibrate(registry(), request("ksg", resolved, 2000, 1, estimate, {}), result).isOk());
  const auto& rb = result.readBack;
  qInfo("%s", result.statement.c_str());
  QVERIFY(rb.low && rb.high && rb.calibrated);
  QVERIFY(*rb.low <= 0.5 && 0.5 <= *rb.high);
  QVERIFY2(*rb.high - *rb.low < 0.2, qPrintable(QString::number(*rb.high - *rb.low)));
}

// Four equal-width bins can hold at most ln 4 nats: at the top of the Gaussian family's range
// (rho = 0.9999, 4.26 nats) the curve is flat and the answer is a lower bound, said in words.
void TestCalibration::saturatedIsABound() {
  Json resolved;
  const double top = -0.5 * std::log1p(-0.9999 * 0.9999);
  const double estimate = userEstimate("binning", Json{{"bins", 4}}, 2000, 1, top, resolved);
  QVERIFY(estimate < std::log(4.0));
  CalibrationResult result;
  const CalibrationRequest r = request("binning", resolved, 2000, 1, estimate, {});
  QVERIFY(calibrate(registry(), r, result).isOk());
  qInfo("%s", result.statement.c_str());
  QVERIFY(result.bound);
  QVERIFY(!result.readBack.high && result.readBack.low && *result.readBack.low <= top);
  QVERIFY(result.statement.find("does not exceed") != std::string::npos);
  QVERIFY(result.statement.find("the truth is at least") != std::string::npos);
  QVERIFY(result.toJson(r)["calibrated_high_nats"].is_null());
}

void TestCalibration::cacheMakesRepeatInstant() {
  Json resolved;
  const double estimate = userEstimate("gaussian", Json::object(), 500, 2, 1.0, resolved);
  CalibrationResult first, second;
  const CalibrationRequest r = request("gaussian", resolved, 500, 2, estimate, cacheFolder_);
  QVERIFY(calibrate(registry(), r, first).isOk());
  QVERIFY(first.computedPoints > 0);
  QCOMPARE(QDir(cacheFolder_).entryList({"*.json"}).size(), 1);
  QVERIFY(calibrate(registry(), r, second).isOk());
  QCOMPARE(second.computedPoints, 0);
  QCOMPARE(*second.readBack.low, *first.readBack.low);
  QCOMPARE(*second.readBack.high, *first.readBack.high);
  // The gaussian estimator is unbiased here: the interval holds the truth and is narrow.
  QVERIFY(*first.readBack.low <= 1.0 && 1.0 <= *first.readBack.high);
  // Another shape is another curve.
  CalibrationResult other;
  QVERIFY(calibrate(registry(), request("gaussian", resolved, 400, 2, estimate, cacheFolder_), other).isOk());
  QVERIFY(other.computedPoints > 0);
  QCOMPARE(QDir(cacheFolder_).entryList({"*.json"}).size(), 2);
}

void TestCalibration::familyErrors() {
  KnownTruthFamily f;
  const Status unequal = KnownTruthFamily::create(registry(), "gaussian", 2, 3, f);
  QCOMPARE(unequal.code(), StatusCode::InvalidInput);
  QVERIFY2(unequal.message().find("2+3 dims") != std::string::npos, unequal.message().c_str());
  const Status unknown = KnownTruthFamily::create(registry(), "no-such-family", 2, 2, f);
  QCOMPARE(unknown.code(), StatusCode::InvalidInput);
  QVERIFY(unknown.message().find("--family no-such-family") != std::string::npos);
  QVERIFY(KnownTruthFamily::create(registry(), "", 3, 3, f).isOk());
  QCOMPARE(f.name(), std::string("gaussian"));
  std::unique_ptr<PairSource> source;
  double rho = 0;
  QVERIFY(f.sourceFor(1.5, source, rho).isOk());
  QVERIFY(std::fabs(*source->trueMutualInformation() - 1.5) < 1e-9);
  QVERIFY(std::fabs(rho - rhoFor(1.5, 3)) < 1e-9);
}

void TestCalibration::cliCalibrateAndErrors() {
  QTemporaryDir dir;
  auto cli = [&](const QStringList& args, QString* out = nullptr, QString* err = nullptr) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", dir.filePath("data-home"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MIWB_BINARY_DIR) + "/bin/miwb-cli", args);
    p.waitForFinished(120000);
    if (out) *out = QString::fromUtf8(p.readAllStandardOutput());
    if (err) *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitCode();
  };
  QCOMPARE(cli({"sample", "-d", "gaussian", "-p", "dim=2", "-p", "rho=0.6", "-n", "600", "--seed", "5", "--out", dir.path()}), 0);
  const QString x = dir.filePath("x.npy"), y = dir.filePath("y.npy");
  QString out, err;
  QCOMPARE(cli({"calibrate", "-e", "gaussian", "--x", x, "--y", y, "--json"}, &out, &err), 0);
  const Json j = Json::parse(out.toStdString());
  const double truth = -std::log1p(-0.36);
  QVERIFY(j["calibrated_low_nats"].get<double>() <= truth && truth <= j["calibrated_high_nats"].get<double>());
  QVERIFY(j["computed_points"].get<int>() > 0);
  QVERIFY(!j["estimate_cached"].get<bool>());
  QCOMPARE(cli({"calibrate", "-e", "gaussian", "--x", x, "--y", y, "--json"}, &out), 0);
  const Json again = Json::parse(out.toStdString());
  QCOMPARE(again["computed_points"].get<int>(), 0);  // cached under XDG_DATA_HOME
  QVERIFY(again["estimate_cached"].get<bool>());     // the same data: the estimate too
  QCOMPARE(again["estimate_nats"].get<double>(), j["estimate_nats"].get<double>());
  QCOMPARE(cli({"calibrate", "-e", "gaussian", "--x", x, "--y", y, "--seed", "1", "--json"}, &out), 0);
  QVERIFY(!Json::parse(out.toStdString())["estimate_cached"].get<bool>());  // another seed is another estimate
  QVERIFY(QDir(dir.filePath("data-home/miwb/calibration")).exists());

  auto oneError = [&](const QStringList& args, const char* needle) {
    QString e;
    QCOMPARE(cli(args, nullptr, &e), 2);
    QVERIFY2(e.startsWith("error: ") && e.trimmed().count('\n') == 0 && e.contains(needle), qPrintable(e));
  };
  oneError({"calibrate", "-e", "gaussian", "--x", x, "--y", y, "--family", "gaussian:asinh"}, "--family");
  oneError({"calibrate", "-e", "gaussian", "--x", x, "--y", y, "--level", "2"}, "--level");
  oneError({"calibrate", "-e", "gaussian", "--x", x, "--y", y, "--repeats", "1"}, "--repeats");
  // A family that does not exist at the user's dims: the gaussian family needs dx = dy.
  QCOMPARE(cli({"sample", "-d", "gaussian", "-p", "dim=3", "-n", "600", "--seed", "5", "--out", dir.filePath("wide")}), 0);
  oneError({"calibrate", "-e", "gaussian", "--x", x, "--y", dir.filePath("wide/y.npy"), "--family", "gaussian"}, "2+3 dims");
  // An estimator that fails on the user's data: ksg with k = 5 neighbours on 3 samples.
  QCOMPARE(cli({"sample", "-d", "gaussian", "-n", "3", "--seed", "5", "--out", dir.filePath("tiny")}), 0);
  oneError({"calibrate", "-e", "ksg", "-p", "k=5", "--x", dir.filePath("tiny/x.npy"), "--y", dir.filePath("tiny/y.npy")},
           "failed on the data");
}

}  // namespace trust_tests
