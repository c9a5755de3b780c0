// Drives the MI Workbench window as a user would, offscreen: opens an example, runs it, waits for
// the views to fill in, toggles layers, switches units, clicks and drags on every chart, exports
// every figure format and checks the files; then cancel, close during a run, open/save, drop-in
// activation files, the plugins dialog and `miwb-cli run --figures`.
#include <QApplication>
#include <QAreaSeries>
#include <QCheckBox>
#include <QTimer>
#include <QComboBox>
#include <QDir>
#include <QDomDocument>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScatterSeries>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <cmath>

#include "charts/chart_panel.h"
#include "charts/plane_chart.h"
#include "charts/scaling_chart.h"
#include "charts/viridis.h"
#include "charts/plane_data.h"
#include "charts/scaling_data.h"
#include "experiment/estimator_editor.h"
#include "experiment/experiment_panel.h"
#include "run/jobs_panel.h"
#include "window/log_panel.h"
#include "window/main_window.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "experiment/param_form.h"
#include "views/plane_view.h"
#include "dialogs/plugins_dialog.h"
#include "views/scaling_view.h"
#include "views/table_view.h"
#include "views/training_view.h"

using miwb::Json;
using namespace miwb::gui;
namespace charts = miwb::charts;

namespace {

constexpr int kRunTimeoutMs = 60000;  // generous: CI has two shared cores

// A small information plane: a 12-bit tanh network trained for a few epochs, binned.
Json quickPlane(const QString& savePath = {}) {
  Json params{{"data", "ib12bit"}, {"activation", "tanh"}, {"hidden", {6, 4, 3}}, {"epochs", 40},
              {"recorded_epochs", 6}, {"batch_size", 512}};
  if (!savePath.isEmpty()) params["save_path"] = savePath.toStdString();
  return {{"schema", "miwb.experiment/1"}, {"name", "quick plane"}, {"kind", "information-plane"}, {"seed", 3},
          {"dataset", {{"id", "mlp-training"}, {"params", params}}},
          {"estimators", {{{"id", "binning"}, {"params", {{"bins", 30}, {"range", {-1, 1}}}}, {"label", "bin30"}},
                          {{"id", "binning"}, {"params", {{"bins", 8}}}, {"label", "bin8"}}}},
          {"grid", {{"layers", "all"}, {"epochs", "all"}, {"samples", "all"}}}};
}

Json quickScaling() {
  return {{"schema", "miwb.experiment/1"}, {"name", "quick scaling"}, {"kind", "scaling"}, {"seed", 5},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.6}}}}},
          {"estimators", {{{"id", "gaussian"}, {"label", "gauss"}}}},
          {"grid", {{"n", {100, 300, 1000}}, {"repeats", 3}}}};
}

// quickScaling() with KSG measuring the mutual information and the entropy of X.
Json entropyScaling() {
  Json doc = quickScaling();
  doc["name"] = "entropy scaling";
  doc["estimators"] = {{{"id", "ksg"}, {"label", "ksg"}, {"quantities", {"I(X;Y)", "H(X)"}}}};
  return doc;
}

// The quantity boxes of an estimator editor that are checked, by quantity.
QStringList checkedQuantities(const EstimatorEditor& editor) {
  QStringList checked;
  for (const QCheckBox* box : editor.findChildren<QCheckBox*>())
    if (box->objectName().startsWith("quantity ") && box->isChecked()) checked << box->text();
  return checked;
}

QCheckBox* quantityBox(const QWidget& parent, const QString& quantity) {
  return parent.findChild<QCheckBox*>("quantity " + quantity);
}

QPoint viewportPoint(charts::ChartPanel* panel, QPointF value, QAbstractSeries* series) {
  const QPointF inChart = panel->chart()->mapToPosition(value, series);
  return panel->mapFromScene(panel->chart()->mapToScene(inChart));
}

// Clicks, presses, drags and double-clicks on the chart, on its points where it has any. Qt
// Charts 6.4.2 crashes on presses/clicks reaching (scatter) series; ChartPanel never lets them
// reach the scene, which the spies prove: no series sees a press, click or release.
void pokeChart(charts::ChartPanel* panel) {
  QChart* chart = panel->chart();
  QWidget* viewport = panel->viewport();
  std::vector<std::unique_ptr<QSignalSpy>> spies;
  QList<QPoint> targets{viewport->rect().center(), QPoint(5, 5)};
  for (QAbstractSeries* s : chart->series()) {
    if (auto* xy = qobject_cast<QXYSeries*>(s)) {
      spies.push_back(std::make_unique<QSignalSpy>(xy, &QXYSeries::pressed));
      spies.push_back(std::make_unique<QSignalSpy>(xy, &QXYSeries::clicked));
      spies.push_back(std::make_unique<QSignalSpy>(xy, &QXYSeries::released));
      spies.push_back(std::make_unique<QSignalSpy>(xy, &QXYSeries::doubleClicked));
      if (xy->count() > 0) targets << viewportPoint(panel, xy->at(0), xy) << viewportPoint(panel, xy->at(xy->count() - 1), xy);
    } else if (auto* area = qobject_cast<QAreaSeries*>(s)) {
      spies.push_back(std::make_unique<QSignalSpy>(area, &QAreaSeries::pressed));
      spies.push_back(std::make_unique<QSignalSpy>(area, &QAreaSeries::clicked));
    }
  }
  for (const QPoint& p : targets) {
    QTest::mouseClick(viewport, Qt::LeftButton, {}, p);
    QTest::mouseClick(viewport, Qt::RightButton, {}, p);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, p);
    QTest::mouseMove(viewport, p);
    (void)static_cast<charts::BaseChart*>(chart)->toolTipAt(chart->mapFromScene(panel->mapToScene(p)));
  }
  for (const auto& spy : spies) QCOMPARE(spy->count(), 0);

  // Rubber-band zoom: press, drag across the plot area, release; then reset by double click.
  const QRectF plot = chart->plotArea();
  const QPoint from = panel->mapFromScene(chart->mapToScene(plot.topLeft() + QPointF(plot.width() * 0.2, plot.height() * 0.2)));
  const QPoint to = panel->mapFromScene(chart->mapToScene(plot.topLeft() + QPointF(plot.width() * 0.7, plot.height() * 0.7)));
  QTest::mousePress(viewport, Qt::LeftButton, {}, from);
  QTest::mouseMove(viewport, (from + to) / 2);
  QTest::mouseMove(viewport, to);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
  QVERIFY(chart->isZoomed());
  QTest::mouseDClick(viewport, Qt::LeftButton, {}, to);
  QVERIFY(!chart->isZoomed());
  for (const auto& spy : spies) QCOMPARE(spy->count(), 0);
}

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
  return colours.size();
}

// Exports a figure in every format and checks each file for what a reader would look for.
void checkExports(FigureView* view, const QString& folder, int minLines, int minMarkers) {
  charts::ExportOptions options;
  options.pixels = QSize(900, 600);
  options.dpi = 120;
  options.withData = true;
  const QString stem = folder + "/" + view->figure().name();
  for (const char* suffix : {"png", "svg", "pdf", "csv"}) QVERIFY2(view->exportTo(stem + "." + suffix, options), suffix);

  QImage png(stem + ".png");
  QCOMPARE(png.size(), QSize(900, 600));
  QCOMPARE(std::lround(png.dotsPerMeterX() * 0.0254), 120L);
  // A blank or single-colour image has a handful of colours; curves, markers, text and the colour
  // bar give hundreds (anti-aliasing included).
  QVERIFY2(distinctColours(png) > 50, qPrintable(QString::number(distinctColours(png))));

  QVERIFY(QSvgRenderer(stem + ".svg").isValid());
  QFile svgFile(stem + ".svg");
  QVERIFY(svgFile.open(QIODevice::ReadOnly));
  QDomDocument svg;
  QVERIFY(svg.setContent(&svgFile));
  // Qt's SVG generator writes a line series as <polyline> (or <path>) and scatter markers as <circle>.
  const int lines = svg.elementsByTagName("polyline").size() + svg.elementsByTagName("path").size();
  const int markers = svg.elementsByTagName("circle").size() + svg.elementsByTagName("ellipse").size();
  QVERIFY2(lines >= minLines, qPrintable(QString::number(lines)));
  QVERIFY2(markers >= minMarkers, qPrintable(QString::number(markers)));

  QFile pdf(stem + ".pdf");
  QVERIFY(pdf.open(QIODevice::ReadOnly));
  QVERIFY(pdf.read(5) == "%PDF-");
  QVERIFY(pdf.size() > 2000);

  QFile csv(stem + ".csv");
  QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
  QVERIFY(csv.readAll().count('\n') >= 2);
}

}  // namespace

class TestGui : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void viridisEnds();
  void formsFollowTheSchema();
  void runDisabledWithReason();
  void informationPlaneRun();
  void scalingRun();
  void estimatorQuantities();
  void entropyScalingRun();
  void planeIgnoresEntropyRows();
  void cancelKeepsResults();
  void closeDuringRunAsksThenCancels();
  void saveAndReopen();
  void pluginsDialogListsEveryFile();
  void cliRendersFigures();

 private:
  std::unique_ptr<MainWindow> newWindow();
  bool runAndWait(MainWindow& window);

  miwb::PluginRegistry registry_;
  QTemporaryDir temp_;
};

void TestGui::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);  // QSettings and data folders away from the user's
  QCoreApplication::setOrganizationName("miwb-test");
  registry_.scan(miwb::PluginRegistry::defaultSearchPath());
  for (const char* id : {"binning", "gaussian", "ksg", "dse", "kde-upper"}) QVERIFY2(registry_.estimator(id), id);
  for (const char* id : {"mlp-training", "activations", "gaussian"}) QVERIFY2(registry_.dataset(id), id);
  QVERIFY(temp_.isValid());
}

std::unique_ptr<MainWindow> TestGui::newWindow() {
  auto window = std::make_unique<MainWindow>(registry_);
  window->resize(1400, 900);
  window->experimentPanel()->setOutputFolder(temp_.filePath("runs"));
  window->show();
  return window;
}

bool TestGui::runAndWait(MainWindow& window) {
  QSignalSpy finished(&window, &MainWindow::runFinished);
  if (!window.startRun()) {
    qWarning() << "run did not start:" << window.logPanel()->toPlainText().right(400);
    return false;
  }
  return finished.wait(kRunTimeoutMs);
}

void TestGui::viridisEnds() {
  // The map's documented ends: #440154 at 0, #fde725 at 1; the middle is the anchor at 5/9 mixed.
  QCOMPARE(charts::viridis(0).name(), QString("#440154"));
  QCOMPARE(charts::viridis(1).name(), QString("#fde725"));
  QCOMPARE(charts::viridis(-3).name(), QString("#440154"));
  QCOMPARE(charts::viridis(4.0 / 9).name(), QString("#26828e"));
}

void TestGui::formsFollowTheSchema() {
  const auto* mlp = registry_.dataset("mlp-training");
  ParamForm form(mlp->info->params, "mlp-training");
  auto* epochs = form.findChild<QSpinBox*>("epochs");
  QVERIFY(epochs);
  epochs->setValue(-5);  // kept as typed, refused by the schema's minimum with the field named
  QCOMPARE(epochs->value(), -5);
  QVERIFY(form.firstError().contains("epochs"));
  epochs->setValue(1000);
  QVERIFY(!epochs->toolTip().isEmpty());
  auto* activation = form.findChild<QComboBox*>("activation");
  QVERIFY(activation);
  QVERIFY(activation->findText("relu") >= 0);
  auto* hidden = form.findChild<QLineEdit*>("hidden");
  QVERIFY(hidden);
  QVERIFY(form.values()["hidden"] == Json({10, 7, 5, 4, 3}));
  QVERIFY(form.firstError().isEmpty());
  hidden->setText("10, x");
  QVERIFY(!form.firstError().isEmpty());
  QVERIFY(form.firstError().contains("hidden"));
  QVERIFY(hidden->property("invalid").toBool());
  hidden->setText("4, 2");
  QVERIFY(form.firstError().isEmpty());
  QVERIFY(form.values()["hidden"] == Json({4, 2}));
  auto* seed = form.findChild<QLineEdit*>("seed");  // nullable and wider than an int: a line edit
  QVERIFY(seed);
  QVERIFY(form.values()["seed"].is_null());
}

void TestGui::runDisabledWithReason() {
  auto window = newWindow();
  ExperimentPanel* panel = window->experimentPanel();
  panel->setExperiment(quickScaling());
  QVERIFY2(panel->runButton()->isEnabled(), qPrintable(panel->problem()));
  auto* sizes = panel->findChild<QLineEdit*>("sizes");
  sizes->setText("100, -5");
  QVERIFY(!panel->runButton()->isEnabled());
  auto* reason = panel->runControls()->findChild<QLabel*>("reason");
  QVERIFY(reason);
  QVERIFY2(reason->text().contains("N (entry 2)"), qPrintable(reason->text()));
  sizes->setText("100, 200");
  QVERIFY(panel->runButton()->isEnabled());
}

void TestGui::informationPlaneRun() {
  auto window = newWindow();
  const QString store = temp_.filePath("quick.npz");
  window->experimentPanel()->setExperiment(quickPlane(store));
  QVERIFY2(window->experimentPanel()->runButton()->isEnabled(), qPrintable(window->experimentPanel()->problem()));
  QVERIFY(runAndWait(*window));
  PlaneView* plane = window->planeView();
  QTRY_VERIFY_WITH_TIMEOUT(!plane->charts().isEmpty() && plane->charts().first()->markers("layer1"), 5000);
  QCOMPARE(plane->charts().size(), 2);
  // 3 hidden layers + output, each with I(X;T) and I(T;Y) at every recorded epoch, two estimators.
  const QStringList layers = plane->data().allLayers();
  QCOMPARE(layers, QStringList({"layer1", "layer2", "layer3", "output"}));
  const int epochs = static_cast<int>(plane->data().curve("bin30", "layer1").size());
  QVERIFY(epochs >= 4);
  QCOMPARE(window->tableView()->model()->rowCount(), 2 * 2 * 4 * epochs);
  QVERIFY(!window->trainingView()->metrics().curves.isEmpty());  // the loss came in while training

  charts::PlaneChart* chart = plane->charts().first();
  QScatterSeries* layer1 = chart->markers("layer1");
  QCOMPARE(layer1->count(), epochs);
  // Epoch colours: the first point is the dark end of viridis, the last the yellow end.
  QCOMPARE(layer1->pointConfiguration(0).value(QXYSeries::PointConfiguration::Color).value<QColor>(), charts::viridis(0));
  QCOMPARE(layer1->pointConfiguration(epochs - 1).value(QXYSeries::PointConfiguration::Color).value<QColor>(),
           charts::viridis(1));
  // I(X;T) of the first layer never exceeds H(X) = log2(4096) = 12 bits for 4096 distinct inputs.
  for (const QPointF& p : layer1->points()) QVERIFY(p.x() >= 0 && p.x() <= 12 + 1e-9);

  // Layer toggle: hides the layer in every panel.
  QToolButton* toggle = plane->layerToggle("layer2");
  QVERIFY(toggle);
  QTest::mouseClick(toggle, Qt::LeftButton);
  for (charts::PlaneChart* c : plane->charts()) QVERIFY(!c->markers("layer2")->isVisible());
  QTest::mouseClick(toggle, Qt::LeftButton);
  for (charts::PlaneChart* c : plane->charts()) QVERIFY(c->markers("layer2")->isVisible());

  // Units: nats = bits * ln 2, point by point.
  const QList<QPointF> bits = layer1->points();
  plane->unitBox()->setCurrentIndex(1);
  const QList<QPointF> nats = chart->markers("layer1")->points();
  for (int i = 0; i < bits.size(); ++i) QVERIFY(std::abs(nats[i].x() - bits[i].x() * std::log(2.0)) < 1e-12);
  plane->unitBox()->setCurrentIndex(0);

  // Tooltips name the layer and epoch.
  charts::ChartPanel* panel = plane->panels().first();
  const QPointF at = chart->mapToPosition(layer1->at(0), layer1);
  QVERIFY(chart->toolTipAt(at).contains("layer layer1, epoch"));

  for (charts::ChartPanel* p : plane->panels()) pokeChart(p);
  for (charts::ChartPanel* p : window->trainingView()->panels()) pokeChart(p);
  // Two panels, each with four layer curves and a marker per layer and epoch.
  checkExports(plane, temp_.filePath("."), 2 * 4, 2 * 4 * epochs);
  checkExports(window->trainingView(), temp_.filePath("."), 1, 0);

  // The table: sortable and filterable.
  TableView* table = window->tableView();
  table->filterBox()->setText("layer3");
  QCOMPARE(table->proxy()->rowCount(), 2 * 2 * epochs);
  table->filterBox()->clear();
  QVERIFY(table->exportTo(temp_.filePath("table.csv")));
  QVERIFY(table->exportTo(temp_.filePath("table.json")));
  QVERIFY(!table->exportTo(temp_.filePath("table.txt")));

  // The recorded store opens as a new information-plane experiment on the activations dataset.
  QVERIFY(QFileInfo::exists(store));
  QVERIFY(window->openPath(store));
  const Json doc = window->experimentPanel()->experiment();
  QVERIFY(doc["dataset"]["id"] == Json("activations"));
  QVERIFY(doc["dataset"]["params"]["path"] == Json(store.toStdString()));
  QVERIFY(runAndWait(*window));
  QTRY_VERIFY_WITH_TIMEOUT(!window->planeView()->data().curve("binning 30", "layer1").empty(), 5000);
  Q_UNUSED(panel);
}

void TestGui::scalingRun() {
  auto window = newWindow();
  window->experimentPanel()->setExperiment(quickScaling());
  QVERIFY(runAndWait(*window));
  ScalingView* scaling = window->scalingView();
  QTRY_VERIFY_WITH_TIMEOUT(!scaling->data().empty(), 5000);
  QCOMPARE(scaling->data().groups(), QStringList({"gauss"}));
  const auto stats = scaling->data().stats("gauss");
  QCOMPARE(stats.size(), std::size_t(3));
  for (const auto& s : stats) QCOMPARE(s.count, 3);
  // The Gaussian estimator is consistent: at N = 1000 its mean is within 0.05 nats of the true
  // -0.5 ln(1 - 0.36) = 0.2231 nats (its sd at that N is about 0.02-0.03 nats).
  QVERIFY(std::abs(stats.back().mean - (-0.5 * std::log(1 - 0.36))) < 0.05);
  auto truth = scaling->data().trueLines();
  QCOMPARE(truth.size(), std::size_t(1));

  QTRY_VERIFY_WITH_TIMEOUT(!scaling->panels().first()->chart()->series().isEmpty(), 5000);
  QChart* estimate = scaling->panels()[0]->chart();
  int areas = 0, dashed = 0;
  for (QAbstractSeries* s : estimate->series()) {
    areas += qobject_cast<QAreaSeries*>(s) != nullptr;
    if (auto* line = qobject_cast<QLineSeries*>(s); line && line->pen().style() == Qt::DashLine) ++dashed;
  }
  QCOMPARE(areas, 1);
  QCOMPARE(dashed, 1);
  QChart* runtime = scaling->panels()[1]->chart();
  QCOMPARE(runtime->series().size(), 1);
  for (charts::ChartPanel* p : scaling->panels()) pokeChart(p);
  // Mean, true MI and run-time lines; a marker per N on the mean.
  checkExports(scaling, temp_.filePath("."), 3, 3);
}

void TestGui::estimatorQuantities() {
  using miwb::ExperimentKind;
  EstimatorEditor editor(registry_, ExperimentKind::Scaling);
  // KDE bounds estimate no entropies: the entropy boxes are off and say why.
  editor.setFromJson({{"id", "kde-upper"}});
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;Y)"}));
  for (const char* entropy : {"H(X)", "H(Y)"}) {
    QVERIFY(!quantityBox(editor, entropy)->isEnabled());
    QVERIFY(quantityBox(editor, entropy)->toolTip().contains("does not estimate entropies"));
  }
  QVERIFY(quantityBox(editor, "I(X;Y)")->isEnabled());

  // DSE estimates entropy only: H(X) by default, I(X;Y) off.
  editor.setFromJson({{"id", "dse"}});
  QCOMPARE(checkedQuantities(editor), QStringList({"H(X)"}));
  QVERIFY(!quantityBox(editor, "I(X;Y)")->isEnabled());
  QVERIFY(quantityBox(editor, "I(X;Y)")->toolTip().contains("entropy only"));
  QVERIFY(editor.toJson()["quantities"] == Json({"H(X)"}));

  // KSG measures both; the document's choice is read and written back in the kind's order.
  editor.setFromJson({{"id", "ksg"}, {"quantities", {"H(Y)", "I(X;Y)"}}});
  QVERIFY(editor.toJson()["quantities"] == Json({"I(X;Y)", "H(Y)"}));
  // The last checked box cannot be unchecked: an estimator entry measures something.
  quantityBox(editor, "H(Y)")->click();
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;Y)"}));
  quantityBox(editor, "I(X;Y)")->click();
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;Y)"}));
  quantityBox(editor, "H(X)")->click();
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;Y)", "H(X)"}));

  // Another estimator keeps what it can measure: KDE drops H(X).
  editor.setFromJson({{"id", "kde-upper"}, {"quantities", {"I(X;Y)", "H(X)"}}});
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;Y)"}));

  // The boxes follow the kind: the plane's quantities, its defaults, and H(T) alone for DSE.
  editor.setFromJson({{"id", "ksg"}});
  editor.setKind(ExperimentKind::InformationPlane);
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;T)", "I(T;Y)"}));
  QVERIFY(!quantityBox(editor, "I(X;Y)"));
  editor.setFromJson({{"id", "dse"}});
  QCOMPARE(checkedQuantities(editor), QStringList({"H(T)"}));
  // Estimate and scaling measure the same quantities: a choice survives the switch between them.
  editor.setFromJson({{"id", "ksg"}});
  editor.setKind(ExperimentKind::Estimate);
  quantityBox(editor, "H(Y)")->click();
  editor.setKind(ExperimentKind::Scaling);
  QCOMPARE(checkedQuantities(editor), QStringList({"I(X;Y)", "H(Y)"}));

  // In the window: changing the experiment's kind changes every editor's boxes.
  auto window = newWindow();
  ExperimentPanel* panel = window->experimentPanel();
  panel->setExperiment(entropyScaling());
  QVERIFY2(panel->runButton()->isEnabled(), qPrintable(panel->problem()));
  auto* kind = panel->findChild<QComboBox*>("kind");
  kind->setCurrentIndex(kind->findData("information-plane"));
  QVERIFY(quantityBox(*panel, "H(T)"));
  QVERIFY(!quantityBox(*panel, "H(X)"));
  QVERIFY(panel->experiment()["estimators"][0]["quantities"] == Json({"I(X;T)", "I(T;Y)"}));
}

void TestGui::entropyScalingRun() {
  auto window = newWindow();
  window->experimentPanel()->setExperiment(entropyScaling());
  QVERIFY2(window->experimentPanel()->runButton()->isEnabled(), qPrintable(window->experimentPanel()->problem()));
  QVERIFY(runAndWait(*window));
  ScalingView* scaling = window->scalingView();
  QTRY_VERIFY_WITH_TIMEOUT(scaling->data().groups().size() == 2, 5000);
  // Two quantities: each curve is named by estimator and quantity.
  QCOMPARE(scaling->data().groups(), QStringList({"ksg · I(X;Y)", "ksg · H(X)"}));
  QCOMPARE(scaling->data().quantities(), QStringList({"I(X;Y)", "H(X)"}));
  // The table has a row per task and quantity, and says which quantity.
  const QAbstractItemModel* table = window->tableView()->model();
  QCOMPARE(table->rowCount(), 2 * 3 * 3);
  QCOMPARE(table->headerData(1, Qt::Horizontal).toString(), QString("quantity"));
  QCOMPARE(table->match(table->index(0, 1), Qt::DisplayRole, "H(X)", -1, Qt::MatchExactly).size(), 3 * 3);
  // X is a standard normal: H(X) = ln(2 pi e) / 2 = 1.4189 nats. Kozachenko-Leonenko at N = 1000
  // is within 0.1 nats of it (its sd there is about 0.03 nats).
  const double hx = 0.5 * std::log(2 * M_PI * M_E);
  const auto entropy = scaling->data().stats("ksg · H(X)");
  QCOMPARE(entropy.size(), std::size_t(3));
  QVERIFY2(std::abs(entropy.back().mean - hx) < 0.1, qPrintable(QString::number(entropy.back().mean)));
  const auto truth = scaling->data().trueLines();
  QCOMPARE(truth.size(), std::size_t(2));
  QCOMPARE(truth[1].name, QString("true H(X)"));
  for (const auto& [n, nats] : truth[1].points) QVERIFY(std::abs(nats - hx) < 1e-12);

  // A band, a mean line and a true line per quantity; a run-time line per curve.
  QTRY_VERIFY_WITH_TIMEOUT(scaling->panels()[0]->chart()->series().size() >= 8, 5000);
  QStringList means, trueNames;
  int areas = 0;
  for (QAbstractSeries* s : scaling->panels()[0]->chart()->series()) {
    areas += qobject_cast<QAreaSeries*>(s) != nullptr;
    auto* line = qobject_cast<QLineSeries*>(s);
    if (!line || qobject_cast<QScatterSeries*>(s) || s->name().endsWith("std")) continue;
    (line->pen().style() == Qt::SolidLine ? means : trueNames) << s->name();
  }
  QCOMPARE(areas, 2);
  QCOMPARE(means, QStringList({"ksg · I(X;Y)", "ksg · H(X)"}));
  QCOMPARE(trueNames, QStringList({"true I(X;Y)", "true H(X)"}));
  QCOMPARE(scaling->panels()[1]->chart()->series().size(), 2);
  for (charts::ChartPanel* p : scaling->panels()) pokeChart(p);

  // The data behind the figure names each row's quantity.
  const QString folder = temp_.filePath("entropy");
  QVERIFY(QDir().mkpath(folder));
  checkExports(scaling, folder, 5, 6);
  QFile csv(folder + "/scaling.csv");
  QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
  QVERIFY(lines.first().startsWith("series,quantity,n,"));
  QCOMPARE(lines.filter(",\"H(X)\",").size(), 3 + 3);  // the means and the true values at 3 N

  // The quantities survive saving and opening the experiment.
  const Json before = window->experimentPanel()->experiment();
  QVERIFY(before["estimators"][0]["quantities"] == Json({"I(X;Y)", "H(X)"}));
  QVERIFY(window->saveExperiment(temp_.filePath("entropy.json")));
  window->experimentPanel()->setExperiment(quickScaling());
  QVERIFY(window->openPath(temp_.filePath("entropy.json")));
  QVERIFY2(window->experimentPanel()->experiment() == before, window->experimentPanel()->experiment().dump().c_str());
}

void TestGui::planeIgnoresEntropyRows() {
  // H(T) rows belong to the table, not to the information plane (nor to the scaling curves).
  miwb::ResultRow row;
  row.estimator = "bin";
  row.quantity = "H(T)";
  row.layer = "layer1";
  row.epoch = 3;
  row.n = 4096;
  row.valueNats = 2.0;
  charts::PlaneData plane;
  QVERIFY(!plane.add(row));
  QVERIFY(plane.empty());
  charts::ScalingData scaling;
  QVERIFY(!scaling.add(row));
  row.quantity = "I(X;T)";
  QVERIFY(plane.add(row));
}

void TestGui::cancelKeepsResults() {
  auto window = newWindow();
  Json doc = quickPlane();
  doc["dataset"]["params"]["epochs"] = 200000;  // far longer than the test waits
  window->experimentPanel()->setExperiment(doc);
  QSignalSpy finished(window.get(), &MainWindow::runFinished);
  QVERIFY(window->startRun());
  QTRY_VERIFY_WITH_TIMEOUT(window->jobsPanel()->current()->statusText().contains("%"), 20000);
  QTest::mouseClick(window->jobsPanel()->current()->cancelButton(), Qt::LeftButton);
  QVERIFY(finished.wait(kRunTimeoutMs));
  QCOMPARE(finished.first().first().toBool(), true);
  QVERIFY(!window->isRunning());
  QVERIFY(window->jobsPanel()->current()->statusText().startsWith("cancelled"));
  QVERIFY(window->experimentPanel()->runButton()->isEnabled());
}

void TestGui::closeDuringRunAsksThenCancels() {
  auto window = newWindow();
  Json doc = quickPlane();
  doc["dataset"]["params"]["epochs"] = 200000;
  window->experimentPanel()->setExperiment(doc);
  int asked = 0;
  bool answer = false;
  window->setQuitConfirmation([&] {
    ++asked;
    return answer;
  });
  QVERIFY(window->startRun());
  QVERIFY(!window->close());  // "No": the run goes on
  QCOMPARE(asked, 1);
  QVERIFY(window->isRunning());
  answer = true;
  window->close();  // "Yes": cancel, then close once the run has stopped
  QCOMPARE(asked, 2);
  QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), kRunTimeoutMs);
  QVERIFY(!window->isRunning());
}

void TestGui::saveAndReopen() {
  auto window = newWindow();
  window->experimentPanel()->setExperiment(quickScaling());
  const Json before = window->experimentPanel()->experiment();
  const QString path = temp_.filePath("saved.json");
  QVERIFY(window->saveExperiment(path));
  window->experimentPanel()->setExperiment(quickPlane());
  QVERIFY(window->openPath(path));
  QVERIFY2(window->experimentPanel()->experiment() == before, window->experimentPanel()->experiment().dump().c_str());
  // The error is shown in a message box (and the log); close the box as a user would.
  QTimer::singleShot(200, [] {
    if (QWidget* box = QApplication::activeModalWidget()) box->close();
  });
  QVERIFY(!window->openExperiment(temp_.filePath("missing.json")));
}

void TestGui::pluginsDialogListsEveryFile() {
  PluginsDialog dialog(registry_);
  auto* tree = dialog.findChild<QTreeWidget*>("plugins");
  QVERIFY(tree);
  QCOMPARE(tree->topLevelItemCount(), static_cast<int>(registry_.records().size()));
  for (int i = 0; i < tree->topLevelItemCount(); ++i) QVERIFY(!tree->topLevelItem(i)->text(1).isEmpty());
}

void TestGui::cliRendersFigures() {
  const QString experiment = temp_.filePath("cli-scaling.json");
  QFile file(experiment);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QByteArray::fromStdString(quickScaling().dump()));
  file.close();
  const QString out = temp_.filePath("cli-out");
  QProcess cli;
  cli.start(QCoreApplication::applicationDirPath() + "/miwb-cli",
            {"run", experiment, "--out", out, "--figures", "png,svg,pdf"});
  QVERIFY(cli.waitForFinished(kRunTimeoutMs));
  QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
  const QString printed = QString::fromUtf8(cli.readAllStandardOutput());
  for (const char* suffix : {"png", "svg", "pdf", "csv"}) {
    const QString path = out + "/scaling." + suffix;
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    QVERIFY2(printed.contains(path), qPrintable(printed));
  }
  QVERIFY(distinctColours(QImage(out + "/scaling.png")) > 50);
  QVERIFY(QSvgRenderer(out + "/scaling.svg").isValid());
}

QTEST_MAIN(TestGui)
#include "test_gui.moc"
