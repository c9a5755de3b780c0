// The window's side of trust: the plane chart draws intervals as error bars (and can hide them),
// its CSV carries them, the scaling chart draws the extrapolation, and the Calibrate dialog runs a
// calibration off the GUI thread and shows the answer.
#include <QApplication>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "dialogs/calibration_dialog.h"
#include "charts/error_bar_item.h"
#include "charts/figure.h"
#include "charts/plane_chart.h"
#include "charts/scaling_chart.h"
#include "miwb/host/plugins/plugin_registry.h"

using namespace miwb;

class TestTrustGui : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void planeErrorBars();
  void scalingExtrapolation();
  void calibrationDialog();
};

namespace {

ResultRow planeRow(const char* quantity, int epoch, double value, double low, double high) {
  ResultRow r;
  r.task = std::string("plane|b|layer=l1|epoch=") + std::to_string(epoch) + "|" + quantity;
  r.estimator = "b";
  r.estimatorId = "binning";
  r.quantity = quantity;
  r.n = 100;
  r.layer = "l1";
  r.epoch = epoch;
  r.valueNats = value;
  r.ciLowNats = low;
  r.ciHighNats = high;
  return r;
}

}  // namespace

void TestTrustGui::planeErrorBars() {
  charts::PlaneFigure figure;
  figure.options.bits = false;
  figure.data.add(planeRow("I(X;T)", 1, 2.0, 1.8, 2.3));
  figure.data.add(planeRow("I(T;Y)", 1, 0.5, 0.4, 0.55));
  figure.data.add(planeRow("I(X;T)", 2, 2.5, 2.4, 2.6));
  figure.data.add(planeRow("I(T;Y)", 2, 0.6, 0.58, 0.65));
  const QString csv = figure.dataCsv();
  QVERIFY2(csv.startsWith("estimator,layer,epoch,I(X;T)_nats,I(T;Y)_nats,I(X;T)_low_nats,I(X;T)_high_nats,"
                          "I(T;Y)_low_nats,I(T;Y)_high_nats\n"), qPrintable(csv));
  QVERIFY2(csv.contains("\"b\",\"l1\",1,2,0.5,1.8,2.3,0.4,0.55\n"), qPrintable(csv));
  charts::PlaneChart chart(&figure.data, "b", figure.options);
  charts::ErrorBarItem* item = nullptr;
  for (QGraphicsItem* child : chart.childItems())
    if (auto* e = dynamic_cast<charts::ErrorBarItem*>(child)) item = e;
  QVERIFY(item);
  QCOMPARE(item->barCount(), 2);
  // The axes hold the bars' ends.
  QVERIFY(chart.axes(Qt::Horizontal).first()->property("max").toDouble() >= 2.6);
  charts::PlaneOptions hidden = figure.options;
  hidden.errorBars = false;
  chart.setOptions(hidden);
  QCOMPARE(item->barCount(), 0);
}

void TestTrustGui::scalingExtrapolation() {
  charts::ScalingData data;
  int k = 0;
  for (long long n : {100, 200, 400, 800, 1600})
    for (double d : {-0.01, 0.0, 0.01}) {
      ResultRow r;
      r.task = std::to_string(k++);
      r.estimator = "ksg";
      r.quantity = "I(X;Y)";
      r.n = n;
      r.valueNats = 2.0 - 10.0 / static_cast<double>(n) + d;
      data.add(r);
    }
  charts::ScalingChart chart(&data, charts::ScalingChart::Mode::Estimate, false);
  QLineSeries* limit = nullptr;
  for (QAbstractSeries* s : chart.series())
    if (s->name().startsWith("ksg: I∞ = ")) limit = qobject_cast<QLineSeries*>(s);
  QVERIFY(limit);
  QVERIFY2(limit->name().startsWith("ksg: I∞ = 2 ["), qPrintable(limit->name()));
  QCOMPARE(limit->pen().style(), Qt::DashDotLine);
  QVERIFY(std::fabs(limit->at(0).y() - 2.0) < 1e-3);
}

void TestTrustGui::calibrationDialog() {
  QTemporaryDir home;
  qputenv("XDG_DATA_HOME", home.path().toUtf8());
  PluginRegistry registry;
  registry.scan(PluginRegistry::defaultSearchPath());
  ResultRow row;
  row.estimator = "gauss";
  row.estimatorId = "gaussian";
  row.quantity = "I(X;Y)";
  row.n = 400;
  row.dx = row.dy = 1;
  row.valueNats = 0.3;
  const Json experiment = {{"schema", "miwb.experiment/1"}, {"name", "e"}, {"kind", "estimate"},
                           {"dataset", {{"id", "gaussian"}}}, {"estimators", Json::array({{{"id", "gaussian"}, {"label", "gauss"}}})},
                           {"grid", {{"n", 400}}}};
  QString why;
  QVERIFY(!gui::CalibrationDialog::openFor(registry, experiment, std::nullopt, nullptr, why));
  QVERIFY(why.contains("select a row"));
  ResultRow entropy = row;
  entropy.dy.reset();
  QVERIFY(!gui::CalibrationDialog::openFor(registry, experiment, entropy, nullptr, why));
  std::unique_ptr<gui::CalibrationDialog> dialog(gui::CalibrationDialog::openFor(registry, experiment, row, nullptr, why));
  QVERIFY2(dialog, qPrintable(why));
  QSignalSpy finished(dialog.get(), &gui::CalibrationDialog::calibrated);
  dialog->show();
  dialog->start();
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.first().first().toBool(), true);
  const auto* answer = dialog->findChild<QLabel*>("answer");
  QVERIFY2(answer->text().contains("between"), qPrintable(answer->text()));
  QVERIFY(dialog->findChild<QWidget*>("calibrationChart"));
  const auto& rb = dialog->figure().result.readBack;
  QVERIFY(*rb.low <= 0.3 && 0.3 <= *rb.high);
  if (qEnvironmentVariableIsSet("MIWB_TRUST_SHOT")) dialog->grab().save(qEnvironmentVariable("MIWB_TRUST_SHOT"));
}

QTEST_MAIN(TestTrustGui)
#include "test_trust_gui.moc"
