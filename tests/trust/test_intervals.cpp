// Intervals from random halves: the spread they imply agrees with the spread of the estimator over
// independent samples of the same size, for every kind of estimator.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <functional>
#include <oneapi/tbb/task_arena.h>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/trust/uncertainty.h"
#include "miwb/host/trust/resampling.h"
#include "trust_tests.h"

using namespace miwb;

namespace trust_tests {
namespace {

// The ratio of the mean implied std (over `datasets` data sets, B halves each) to the std of the
// estimates over `independent` fresh data sets.
struct SpreadCheck {
  double implied = 0, actual = 0;
  double ratio() const { return implied / actual; }
};

using Draw = std::function<void(std::uint64_t seed, Variable& x, Variable& y)>;

SpreadCheck checkSpread(const Estimator& estimator, const Draw& draw, int independent, int datasets, int b) {
  SpreadCheck out;
  std::vector<double> values;
  for (int i = 0; i < independent; ++i) {
    Variable x, y;
    draw(1000 + i, x, y);
    RunContext ctx(77 + i);
    Estimate e;
    if (!estimator.mutualInformation(x, y, ctx, e).isOk()) return out;
    values.push_back(e.valueNats);
  }
  out.actual = numerics::sampleStd(values);
  for (int d = 0; d < datasets; ++d) {
    Variable x, y;
    draw(5000 + d, x, y);
    RunContext ctx(3 + d);
    Estimate e;
    if (!estimator.mutualInformation(x, y, ctx, e).isOk()) return out;
    std::vector<numerics::Interval> intervals;
    UncertaintyOptions options{b, 0.9};
    if (!halfSampleIntervals(x.samples(), {e.valueNats}, options, 11 + d, nullptr, mutualInformationMeasure(estimator, x, y),
                             intervals)
             .isOk())
      return out;
    if (!(intervals[0].low <= e.valueNats && e.valueNats <= intervals[0].high)) return out;
    out.implied += intervals[0].impliedStd / datasets;
  }
  return out;
}

}  // namespace

void TestIntervals::spreadMatchesIndependentSamples_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("params");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("independent");
  QTest::addColumn<int>("datasets");
  QTest::addColumn<int>("resamples");
  QTest::addColumn<double>("tolerance");
  // Tolerance: the implied/actual ratio must lie in [1/t, t]. With 40 independent estimates the
  // actual std is known to about 11 %, and the implied one (4 x 40 halves) to about 8 %: t = 1.45
  // is some 3 standard errors wide, and a factor-of-two error (ratio 0.5 or 2) fails it.
  QTest::newRow("ksg") << "ksg" << "{}" << 1000 << 40 << 4 << 40 << 1.45;
  QTest::newRow("gaussian") << "gaussian" << "{}" << 1000 << 40 << 4 << 40 << 1.45;
  QTest::newRow("binning") << "binning" << R"({"bins": 8})" << 1000 << 40 << 4 << 40 << 1.45;
  // The neural bound is costly: fewer estimates, so a wider (but still < 2) tolerance of 1.7.
  QTest::newRow("nwj") << "nwj" << R"({"hidden": [16], "steps": 300, "batch_size": 32, "eval_every": 50})" << 600 << 16
                       << 2 << 12 << 1.7;
}

void TestIntervals::spreadMatchesIndependentSamples() {
  QFETCH(QString, id);
  QFETCH(QString, params);
  QFETCH(int, n);
  QFETCH(int, independent);
  QFETCH(int, datasets);
  QFETCH(int, resamples);
  QFETCH(double, tolerance);
  std::unique_ptr<Estimator> estimator;
  QVERIFY(registry().createEstimator(id.toStdString(), Json::parse(params.toStdString()), estimator).isOk());
  const Draw draw = [n](std::uint64_t seed, Variable& x, Variable& y) { gaussianPairs(n, 1, 0.6, seed, x, y); };
  const SpreadCheck c = checkSpread(*estimator, draw, independent, datasets, resamples);
  QVERIFY2(c.actual > 0 && c.implied > 0, "an estimate or an interval failed, or missed its estimate");
  qInfo("%s: implied std %.4f, std over independent samples %.4f, ratio %.3f", qPrintable(id), c.implied, c.actual, c.ratio());
  QVERIFY2(c.ratio() > 1 / tolerance && c.ratio() < tolerance, qPrintable(QString::number(c.ratio())));
}

// The plane: binning's informationPlane on X = 8 input symbols, T = X/8 plus Gaussian noise (one
// unit, binned), Y = X mod 2; both I(X;T) and I(T;Y) get an interval whose spread must match.
void TestIntervals::binningPlaneSpreadMatches() {
  std::unique_ptr<Estimator> binning;
  QVERIFY(registry().createEstimator("binning", Json{{"bins", 10}}, binning).isOk());
  const Index n = 1000;
  auto draw = [&](std::uint64_t seed, Variable& x, Variable& t, Variable& y) {
    Variable noise, unused;
    gaussianPairs(n, 1, 0.0, seed, noise, unused);
    Random rng(seed);
    Labels xs(static_cast<std::size_t>(n)), ys(xs.size());
    Matrix values(n, 1);
    for (Index i = 0; i < n; ++i) {
      xs[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(rng.integer(8));
      ys[static_cast<std::size_t>(i)] = xs[static_cast<std::size_t>(i)] % 2;
      values(i, 0) = static_cast<double>(xs[static_cast<std::size_t>(i)]) / 8 + 0.15 * noise.values()(i, 0);
    }
    x = Variable::discrete(xs);
    t = Variable::continuous(values);
    y = Variable::discrete(ys);
  };
  std::vector<double> ixt, ity;
  for (int i = 0; i < 40; ++i) {
    Variable x, t, y;
    draw(100 + i, x, t, y);
    RunContext ctx(i);
    Estimate a, b;
    QVERIFY(binning->informationPlane(x, t, y, ctx, a, b).isOk());
    ixt.push_back(a.valueNats);
    ity.push_back(b.valueNats);
  }
  double impliedXt = 0, impliedTy = 0;
  const int datasets = 4;
  for (int d = 0; d < datasets; ++d) {
    Variable x, t, y;
    draw(900 + d, x, t, y);
    RunContext ctx(d);
    Estimate a, b;
    QVERIFY(binning->informationPlane(x, t, y, ctx, a, b).isOk());
    std::vector<numerics::Interval> intervals;
    QVERIFY(halfSampleIntervals(n, {a.valueNats, b.valueNats}, {40, 0.9}, d, nullptr, planeMeasure(*binning, x, t, y), intervals)
                .isOk());
    QVERIFY(intervals[0].low <= a.valueNats && a.valueNats <= intervals[0].high);
    QVERIFY(intervals[1].low <= b.valueNats && b.valueNats <= intervals[1].high);
    impliedXt += intervals[0].impliedStd / datasets;
    impliedTy += intervals[1].impliedStd / datasets;
  }
  const double rXt = impliedXt / numerics::sampleStd(ixt), rTy = impliedTy / numerics::sampleStd(ity);
  qInfo("binning plane: I(X;T) ratio %.3f, I(T;Y) ratio %.3f", rXt, rTy);
  QVERIFY2(rXt > 1 / 1.45 && rXt < 1.45, qPrintable(QString::number(rXt)));
  QVERIFY2(rTy > 1 / 1.45 && rTy < 1.45, qPrintable(QString::number(rTy)));
}

void TestIntervals::deterministicAndContainsEstimate() {
  std::unique_ptr<Estimator> ksg;
  QVERIFY(registry().createEstimator("ksg", Json::object(), ksg).isOk());
  Variable x, y;
  gaussianPairs(500, 2, 0.5, 4, x, y);
  RunContext ctx(0);
  Estimate e;
  QVERIFY(ksg->mutualInformation(x, y, ctx, e).isOk());
  auto run = [&](int threads, std::vector<numerics::Interval>& out) {
    Status s;
    tbb::task_arena arena(threads);
    arena.execute([&] { s = halfSampleIntervals(500, {e.valueNats}, {20, 0.8}, 42, nullptr, mutualInformationMeasure(*ksg, x, y), out); });
    return s;
  };
  std::vector<numerics::Interval> one, two;
  QVERIFY(run(1, one).isOk());
  QVERIFY(run(2, two).isOk());
  QCOMPARE(one[0].low, two[0].low);
  QCOMPARE(one[0].high, two[0].high);
  QVERIFY(one[0].low <= e.valueNats && e.valueNats <= one[0].high);
  QVERIFY(one[0].low < one[0].high);
}

// An experiment with "uncertainty": every row has an interval holding its value; without it, null.
void TestIntervals::experimentRowsCarryIntervals() {
  QTemporaryDir dir;
  for (const bool asked : {true, false}) {
    Json doc = {{"schema", "miwb.experiment/1"}, {"name", "ci"}, {"kind", "scaling"}, {"seed", 3},
                {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.5}}}}},
                {"estimators", Json::array({{{"id", "ksg"}, {"quantities", {"I(X;Y)", "H(X)"}}}})},
                {"grid", {{"n", {200, 400}}, {"repeats", 2}}}};
    if (asked) doc["uncertainty"] = {{"resamples", 10}, {"level", 0.8}};
    Experiment e;
    QVERIFY(Experiment::fromJson(doc, e).isOk());
    QVERIFY(e.resolve(registry()).isOk());
    QCOMPARE(e.toJson().contains("uncertainty"), asked);
    ExperimentRunner runner(registry(), e);
    RunOptions options;
    options.outDir = dir.filePath(asked ? "with" : "without");
    RunSummary summary;
    QVERIFY(runner.run(options, {}, summary).isOk());
    QCOMPARE(summary.table.size(), std::size_t(8));
    for (const ResultRow& row : summary.table) {
      QVERIFY(row.ok);
      QCOMPARE(row.ciLowNats.has_value(), asked);
      if (asked) QVERIFY(*row.ciLowNats <= *row.valueNats && *row.valueNats <= *row.ciHighNats);
      const Json line = row.toJson();
      QVERIFY(line.contains("ci_low_nats") && line.contains("ci_high_nats"));
      QCOMPARE(line["ci_low_nats"].is_null(), !asked);
    }
  }
}

void TestIntervals::badOptions() {
  UncertaintyOptions o;
  const Status few = parseUncertainty(Json{{"resamples", 1}}, o);
  QCOMPARE(few.code(), StatusCode::InvalidInput);
  QVERIFY(few.message().find("uncertainty.resamples") != std::string::npos);
  const Status level = parseUncertainty(Json{{"resamples", 10}, {"level", 1.0}}, o);
  QVERIFY(level.message().find("uncertainty.level") != std::string::npos);
  QVERIFY(parseUncertainty(Json{{"resamples", 10}, {"level", 0.5}}, o).isOk());
  QCOMPARE(o.resamples, 10);
  std::vector<numerics::Interval> out;
  const Status tiny = halfSampleIntervals(3, {0.0}, {5, 0.9}, 0, nullptr, nullptr, out);
  QVERIFY(tiny.message().find("at least 4 samples") != std::string::npos);
}

namespace {

struct CliResult {
  int code = -1;
  QString out, err;
};

CliResult runCli(const QStringList& args, const QString& dataHome = {}) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  if (!dataHome.isEmpty()) env.insert("XDG_DATA_HOME", dataHome);
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(MIWB_BINARY_DIR) + "/bin/miwb-cli", args);
  p.waitForFinished(120000);
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

void TestIntervals::cliEstimateWithResamples() {
  QTemporaryDir dir;
  QCOMPARE(runCli({"sample", "-d", "gaussian", "-p", "rho=0.7", "-n", "800", "--seed", "2", "--out", dir.path()}).code, 0);
  const QString x = dir.filePath("x.npy"), y = dir.filePath("y.npy");
  const CliResult ok = runCli({"estimate", "-e", "ksg", "--x", x, "--y", y, "--json", "--resamples", "20", "--level", "0.8"});
  QCOMPARE(ok.code, 0);
  const Json j = Json::parse(ok.out.toStdString());
  QVERIFY(j["ci_low_nats"].get<double>() <= j["mi_nats"].get<double>());
  QVERIFY(j["mi_nats"].get<double>() <= j["ci_high_nats"].get<double>());
  QCOMPARE(j["ci_level"].get<double>(), 0.8);
  const CliResult plain = runCli({"estimate", "-e", "ksg", "--x", x, "--y", y, "--json"});
  QVERIFY(Json::parse(plain.out.toStdString())["ci_low_nats"].is_null());
  for (const QStringList& bad : {QStringList{"--resamples", "1"}, QStringList{"--resamples", "10", "--level", "1.5"},
                                 QStringList{"--resamples", "10", "--level", "0"}}) {
    const CliResult r = runCli(QStringList{"estimate", "-e", "ksg", "--x", x, "--y", y} + bad);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("error: option --") && r.err.trimmed().count('\n') == 0, qPrintable(r.err));
  }
  // The same two mistakes in an experiment file: one line naming the file and the field.
  for (const auto& [uncertainty, field] : std::vector<std::pair<Json, QString>>{
           {Json{{"resamples", 1}}, "uncertainty.resamples"}, {Json{{"resamples", 10}, {"level", 1.0}}, "uncertainty.level"}}) {
    const QString path = dir.filePath("bad.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const Json doc = {{"schema", "miwb.experiment/1"}, {"name", "bad"}, {"kind", "scaling"}, {"seed", 1},
                      {"dataset", {{"id", "gaussian"}}}, {"estimators", Json::array({{{"id", "ksg"}}})},
                      {"grid", {{"n", {100}}, {"repeats", 1}}}, {"uncertainty", uncertainty}};
    file.write(QByteArray::fromStdString(doc.dump()));
    file.close();
    const CliResult r = runCli({"run", path, "--out", dir.filePath("bad-out")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("error: ") && r.err.trimmed().count('\n') == 0 && r.err.contains(field) && r.err.contains("bad.json"),
             qPrintable(r.err));
  }
}

}  // namespace trust_tests
