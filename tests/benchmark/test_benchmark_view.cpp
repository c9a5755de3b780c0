// The Benchmark view and figures on a run of the two-task test suite: cells, tooltips, the N
// selector, a click opening the scaling curve, the experiment panel's benchmark kind, the files
// `miwb-cli run --figures` writes.
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QImage>
#include <QLineEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "views/benchmark_view.h"
#include "charts/benchmark_figures.h"
#include "charts/chart_panel.h"
#include "charts/scaling_chart.h"
#include "experiment/experiment_panel.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"

using namespace miwb;
using namespace miwb::gui;

namespace {

Json suiteDoc() {
  return Json{{"schema", "miwb.experiment/1"},
              {"name", "suite"},
              {"kind", "benchmark"},
              {"seed", 3},
              {"dataset", {{"id", "suite-fixture"}}},
              {"estimators", Json::array({{{"id", "pearson"}, {"label", "P"}}})},
              {"grid", {{"tasks", "all"}, {"n", {100, 400}}, {"repeats", 2}}}};
}

}  // namespace

class BenchmarkViewTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;
  Experiment experiment;
  RunSummary summary;
  QTemporaryDir dir;

 private Q_SLOTS:
  void initTestCase() {
    registry.scan(PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_BENCHMARK_FIXTURE_DIR));
    QVERIFY(Experiment::fromJson(suiteDoc(), experiment).isOk());
    QVERIFY(experiment.resolve(registry).isOk());
    RunOptions options;
    options.outDir = dir.path();
    ExperimentRunner runner(registry, experiment);
    QVERIFY(runner.run(options, {}, summary).isOk());
  }

  void heatmapCellsAndTooltips() {
    BenchmarkView view;
    view.resize(1200, 500);
    view.show();
    view.setExperiment(experiment);
    // Before any row: the grid of tasks with empty cells.
    charts::MatrixChart* chart = view.heatmapChart();
    QCOMPARE(chart->model().columns, (QStringList{"first", "second"}));
    QCOMPARE(chart->model().columnGroups, (QStringList{"Greek", "Greek"}));
    QCOMPARE(chart->model().rows, (QStringList{"P", "True MI"}));
    QVERIFY(chart->model().cells[0][0].text.isEmpty());
    // Rows arrive one at a time; the view redraws after a short delay.
    for (const ResultRow& row : summary.table) view.addRows({row});
    QTRY_COMPARE(chart->model().cells[0][1].text, QString("0.6"));  // beta at N = 400: 0.56
    QCOMPARE(chart->model().cells[0][0].text, QString("0.5"));
    QCOMPARE(chart->model().cells[1][0].text, QString("0.5"));  // the truths
    QCOMPARE(chart->model().cells[1][1].text, QString("0.6"));
    const QString tip = chart->model().cells[0][1].toolTip;
    for (const char* part : {"second (beta)", "estimator: P", "truth: 0.6 nats", "N = 400", "mean ± sd: 0.56 ± 0 nats"})
      QVERIFY2(tip.contains(QString::fromUtf8(part)), qPrintable(tip));
    // ln(0.56 / 0.6) = -0.069: a faint blue; ln(0.5 / 0.5) = 0: near-white.
    QVERIFY(chart->model().cells[0][1].fill.blue() > chart->model().cells[0][1].fill.red());
    QCOMPARE(chart->model().cells[0][0].fill, QColor(247, 247, 247));
    // The N selector: at N = 100 beta's estimate is 0.2, ln(0.2 / 0.6) = -1.1, clipped to the deepest blue.
    auto* sizes = view.findChild<QComboBox*>("benchmarkN");
    QCOMPARE(sizes->count(), 2);
    sizes->setCurrentIndex(0);
    QCOMPARE(chart->model().cells[0][1].text, QString("0.2"));
    QCOMPARE(chart->model().cells[0][1].fill, QColor(5, 48, 97));
    // The tooltip under the cell's centre, as the panel asks for it.
    const auto* panel = view.panels()[0];
    Q_UNUSED(panel);
    QTRY_VERIFY(chart->size().width() > 100);
    const auto center = [&](int row, int column) {
      for (double x = 0; x < chart->size().width(); x += 2)
        for (double y = 0; y < chart->size().height(); y += 2)
          if (auto at = chart->cellAt({x, y}); at && at->first == row && at->second == column) return QPointF(x + 4, y + 4);
      return QPointF(-1, -1);
    };
    const QPointF betaCell = center(0, 1);
    QVERIFY(betaCell.x() >= 0);
    QVERIFY(chart->toolTipAt(betaCell).contains("second (beta)"));
    // Samples needed: alpha from 100 on, beta from 400 on.
    view.showSamplesNeeded(true);
    QCOMPARE(view.figure().name(), QString("benchmark-samples-needed"));
    QCOMPARE(view.samplesChart()->model().cells[0][0].text, QString("100"));
    QCOMPARE(view.samplesChart()->model().cells[0][1].text, QString("400"));
  }

  void clickOpensTheScalingCurve() {
    BenchmarkView view;
    view.resize(1200, 500);
    view.show();
    view.setExperiment(experiment);
    view.addRows(summary.table);
    QDialog* dialog = view.openCurve("beta", "P");
    auto* panel = dialog->findChild<charts::ChartPanel*>();
    QVERIFY(panel);
    auto* chart = static_cast<charts::ScalingChart*>(panel->baseChart());
    Q_UNUSED(chart);
    // One curve (P on beta) and its truth line.
    const auto series = panel->chart()->series();
    QVERIFY(series.size() >= 4);  // band, mean, markers, truth
    dialog->close();
    // A real click on a cell of the heatmap opens the same dialog.
    charts::ChartPanel* heatmap = view.panels()[0];
    QTRY_VERIFY(view.heatmapChart()->size().width() > 100);
    QPoint target;
    for (int x = 0; x < heatmap->viewport()->width() && target.isNull(); x += 3)
      for (int y = 0; y < heatmap->viewport()->height(); y += 3) {
        const QPointF chartPos = view.heatmapChart()->mapFromScene(heatmap->mapToScene(QPoint(x, y)));
        if (auto at = view.heatmapChart()->cellAt(chartPos); at && at->first == 0 && at->second == 0) {
          target = QPoint(x + 5, y + 5);
          break;
        }
      }
    QVERIFY(!target.isNull());
    QTest::mouseClick(heatmap->viewport(), Qt::LeftButton, {}, target);
    // The first dialog (closed, maybe not yet deleted) is still a child: look for the new one.
    const auto opened = [&] {
      for (const QDialog* d : view.findChildren<QDialog*>("benchmarkCurve"))
        if (d->windowTitle() == QString("P on alpha")) return true;
      return false;
    };
    QTRY_VERIFY(opened());
  }

  void panelOffersTheBenchmarkKind() {
    ExperimentPanel panel(registry);
    panel.setExperiment(suiteDoc());
    const Json doc = panel.experiment();
    QVERIFY(doc["kind"] == Json("benchmark"));
    QVERIFY(doc["grid"]["tasks"] == Json("all"));
    QVERIFY(doc["dataset"]["id"] == Json("suite-fixture"));
    // Only suites are offered as datasets for a benchmark.
    auto* dataset = panel.findChild<QComboBox*>("dataset");
    for (int i = 0; i < dataset->count(); ++i) QVERIFY(dataset->itemData(i).toString() != "gaussian");
    panel.findChild<QLineEdit*>("tasks")->setText("beta");
    QVERIFY(panel.experiment()["grid"]["tasks"] == Json({"beta"}));
    panel.findChild<QLineEdit*>("tasks")->setText("beta, omega");
    QVERIFY(panel.problem().contains("has no task 'omega'"));
  }

  void figuresAreWritten() {
    QTemporaryDir out;
    QFile file(out.filePath("suite.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(suiteDoc().dump()));
    file.close();
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MIWB_PLUGIN_PATH", MIWB_BENCHMARK_FIXTURE_DIR);
    cli.setProcessEnvironment(env);
    cli.start(MIWB_BINARY_DIR "/bin/miwb-cli",
              {"run", out.filePath("suite.json"), "--out", out.filePath("run"), "--figures", "png,svg,pdf"});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    for (const char* name : {"benchmark-heatmap", "benchmark-samples-needed"}) {
      for (const char* suffix : {".png", ".svg", ".pdf", ".csv"})
        QVERIFY2(QFile::exists(out.filePath(QString("run/") + name + suffix)), name);
      const QImage image(out.filePath(QString("run/") + name + ".png"));
      QVERIFY(image.width() > 500 && image.height() > 300);
    }
  }
};

QTEST_MAIN(BenchmarkViewTest)
#include "test_benchmark_view.moc"
