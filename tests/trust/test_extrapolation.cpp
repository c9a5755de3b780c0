// extrapolation.csv from a scaling run: one line per curve, the limit near the truth for an
// estimator with little bias, and a note for a curve with too few sample sizes.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "trust_tests.h"

using namespace miwb;

namespace trust_tests {

void TestExtrapolation::scalingRunWritesExtrapolationCsv() {
  QTemporaryDir dir;
  const Json doc = {{"schema", "miwb.experiment/1"}, {"name", "extrapolation"}, {"kind", "scaling"}, {"seed", 5},
                    {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 2}, {"rho", 0.6}}}}},
                    {"estimators", Json::array({{{"id", "gaussian"}}, {{"id", "ksg"}, {"label", "KSG"}}})},
                    {"grid", {{"n", {200, 400, 800, 1600, 3200}}, {"repeats", 4}, {"sweep", {{"param", "dim"}, {"values", {2}}}}}}};
  Experiment e;
  QVERIFY(Experiment::fromJson(doc, e).isOk());
  QVERIFY(e.resolve(registry()).isOk());
  ExperimentRunner runner(registry(), e);
  RunOptions options;
  options.outDir = dir.path();
  RunSummary summary;
  QVERIFY(runner.run(options, {}, summary).isOk());
  QFile file(dir.filePath("extrapolation.csv"));
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
  QCOMPARE(lines.size(), 3);
  QCOMPARE(lines[0], QString("estimator,quantity,sweep_param,sweep_value,value_nats,ci_low_nats,ci_high_nats,exponent,note"));
  const double truth = -std::log1p(-0.36);
  for (int i = 1; i < 3; ++i) {
    const QStringList f = lines[i].split(',');
    QCOMPARE(f.size(), 9);
    QCOMPARE(f[1], QString("I(X;Y)"));
    QCOMPARE(f[2], QString("dim"));
    QCOMPARE(f[3], QString("2"));
    const double limit = f[4].toDouble(), low = f[5].toDouble(), high = f[6].toDouble();
    QVERIFY(low <= limit && limit <= high);
    qInfo("%s: I_inf %.4f [%.4f, %.4f], b = %s, truth %.4f, note '%s'", qPrintable(f[0]), limit, low, high, qPrintable(f[7]),
          truth, qPrintable(f[8]));
    if (f[0] == "gaussian") QVERIFY(std::fabs(limit - truth) < 0.05);
  }
}

}  // namespace trust_tests
