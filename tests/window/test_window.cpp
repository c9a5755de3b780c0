// What a new user relies on in the window, offscreen: an estimator's label follows a change of
// estimator unless typed; toggling layers leaves no phantom legend entries; a point's tooltip is
// not replaced by the chart's help; every field is checked live and named as the window shows it;
// Run does not move; a failed run keeps the last good views and shows its error above them; a
// store is checked when chosen; training closed mid-run continues in its folder to the same result.
// The experiment document has one owner: fields the form has no widget for survive open, save and
// Run (which honours them as the CLI does); the window refuses what the CLI refuses, with the same
// words, marking the field the refusal names as data; a benchmark folder opened as results fills
// the Benchmark view.
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPushButton>
#include <QScatterSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QToolTip>
#include <map>

#include "charts/chart_panel.h"
#include "charts/plane_chart.h"
#include "experiment/estimator_editor.h"
#include "experiment/experiment_panel.h"
#include "window/log_panel.h"
#include "window/main_window.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/results_journal.h"
#include "experiment/param_form.h"
#include "views/plane_view.h"
#include "views/scaling_view.h"
#include "experiment/store_check.h"
#include "views/training_view.h"
#include "views/benchmark_view.h"
#include "miwb/host/experiment/experiment.h"

using miwb::Json;
using namespace miwb::gui;
namespace charts = miwb::charts;

namespace {

constexpr int kRunTimeoutMs = 120000;  // two shared cores on CI

Json quickScaling() {
  return {{"schema", "miwb.experiment/1"}, {"name", "quick scaling"}, {"kind", "scaling"}, {"seed", 5},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.6}}}}},
          {"estimators", {{{"id", "gaussian"}, {"label", "gauss"}}}},
          {"grid", {{"n", {100, 300, 1000}}, {"repeats", 3}}}};
}

Json trainingPlane(int epochs, int recorded, const std::string& data = "ib12bit") {
  return {{"schema", "miwb.experiment/1"}, {"name", "training plane"}, {"kind", "information-plane"}, {"seed", 3},
          {"dataset", {{"id", "mlp-training"},
                       {"params", {{"data", data}, {"hidden", {6, 4, 3}}, {"epochs", epochs},
                                   {"recorded_epochs", recorded}, {"batch_size", 512}, {"learning_rate", 0.01}}}}},
          {"estimators", {{{"id", "binning"}, {"params", {{"bins", 12}, {"range", {-1, 1}}}}, {"label", "bin12"}}}},
          {"grid", {{"layers", "all"}, {"epochs", "all"}, {"samples", "all"}}}};
}

// Plane results for two layers at three epochs, as a run reports them.
std::vector<miwb::ResultRow> planeRows(const std::string& estimator) {
  std::vector<miwb::ResultRow> rows;
  for (const char* layer : {"layer1", "layer2"})
    for (int epoch : {1, 10, 100})
      for (const char* quantity : {"I(X;T)", "I(T;Y)"}) {
        miwb::ResultRow row;
        row.task = std::string(layer) + quantity + std::to_string(epoch);
        row.estimator = estimator;
        row.quantity = quantity;
        row.layer = layer;
        row.epoch = epoch;
        row.valueNats = (quantity[2] == 'X' ? 2.0 : 0.3) + 0.01 * epoch + (layer[5] == '2' ? 0.5 : 0.0);
        rows.push_back(row);
      }
  return rows;
}

QStringList visibleLegend(charts::BaseChart* chart) { return chart->legendNames(); }

QPoint viewportPoint(charts::ChartPanel* panel, QPointF value, QAbstractSeries* series) {
  return panel->mapFromScene(panel->chart()->mapToScene(panel->chart()->mapToPosition(value, series)));
}

Json readJson(const QString& path) {
  Json doc;
  if (!miwb::readJsonFile(path.toStdString(), doc)) return Json();
  return doc;
}

bool writeJson(const QString& path, const Json& doc) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(QByteArray::fromStdString(doc.dump(2))) > 0;
}

std::vector<miwb::ResultRow> journalRows(const QString& folder) {
  std::vector<miwb::ResultRow> rows;
  if (!miwb::ResultsJournal::read(folder + "/results.jsonl", rows)) rows.clear();
  return rows;
}

// The values of each task in a results folder's journal.
std::map<std::string, double> journalValues(const QString& folder) {
  miwb::ResultsJournal journal;
  std::map<std::string, double> values;
  if (!journal.open(folder + "/results.jsonl")) return values;
  for (const miwb::ResultRow& row : journal.rows())
    if (row.valueNats) values[row.task] = *row.valueNats;
  return values;
}

}  // namespace

class TestWindow : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;
  QTemporaryDir temp_;

  std::unique_ptr<MainWindow> newWindow(const QString& runs) {
    auto window = std::make_unique<MainWindow>(registry_);
    window->resize(1400, 900);
    window->experimentPanel()->setOutputFolder(runs);
    window->show();
    return window;
  }

  // The experiment run as the CLI runs it, into `folder`.
  bool runWithoutWindow(const Json& doc, const QString& folder) {
    miwb::Experiment experiment;
    if (!miwb::Experiment::fromJson(doc, experiment) || !experiment.resolve(registry_)) return false;
    miwb::RunOptions options;
    options.outDir = folder;
    miwb::RunSummary summary;
    return miwb::ExperimentRunner(registry_, experiment).run(options, {}, summary).isOk();
  }

  bool runAndWait(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::runFinished);
    if (!window.startRun()) return false;
    return finished.wait(kRunTimeoutMs);
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("miwb-test-window");
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    for (const char* id : {"binning", "ksg", "gaussian"}) QVERIFY2(registry_.estimator(id), id);
    QVERIFY(registry_.dataset("mlp-training"));
  }

  void labelFollowsTheEstimatorUnlessTyped() {
    EstimatorEditor editor(registry_, miwb::ExperimentKind::Scaling);
    editor.setFromJson({{"id", "binning"}, {"params", {{"bins", 30}}}, {"label", "binning 30 bins"}});
    auto* combo = editor.findChild<QComboBox*>("estimator");
    auto* label = editor.findChild<QLineEdit*>("label");
    QCOMPARE(label->text(), QString("binning 30 bins"));
    combo->setCurrentIndex(combo->findData("ksg"));
    QVERIFY(label->text().isEmpty());
    QVERIFY(!editor.toJson().contains("label"));  // the core then labels it "ksg", not "binning 30 bins"
    QCOMPARE(label->placeholderText(), QString("ksg"));
    // A label the user typed is theirs: it stays.
    QTest::keyClicks(label, "my KSG");
    combo->setCurrentIndex(combo->findData("gaussian"));
    QCOMPARE(label->text(), QString("my KSG"));
    QVERIFY(editor.toJson()["label"] == Json("my KSG"));
  }

  void layerTogglesLeaveNoPhantomLegendEntries() {
    PlaneView view;
    view.resize(900, 600);
    view.show();
    view.reset({"bins"});
    view.addRows(planeRows("bins"));
    QTRY_VERIFY(view.layerToggle("layer1"));
    charts::BaseChart* chart = view.charts().first();
    QCOMPARE(visibleLegend(chart), QStringList({"layer1", "layer2"}));
    for (int round = 0; round < 2; ++round) {
      view.layerToggle("layer1")->click();
      QCOMPARE(visibleLegend(chart), QStringList({"layer2"}));
      view.layerToggle("layer1")->click();
      QCOMPARE(visibleLegend(chart), QStringList({"layer1", "layer2"}));
    }
    view.setBits(false);
    QCOMPARE(visibleLegend(chart), QStringList({"layer1", "layer2"}));
  }

  void pointTooltipStaysWhileOnThePoint() {
    PlaneView view;
    view.resize(900, 600);
    view.show();
    view.reset({"bins"});
    view.addRows(planeRows("bins"));
    QTRY_VERIFY(view.layerToggle("layer1"));
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    charts::ChartPanel* panel = view.panels().first();
    auto* markers = view.charts().first()->markers("layer2");
    const QPoint at = viewportPoint(panel, markers->at(1), markers);
    QMouseEvent move(QEvent::MouseMove, at, panel->viewport()->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(panel->viewport(), &move);
    QTRY_VERIFY2(QToolTip::text().contains("epoch 10"), qPrintable(QToolTip::text()));
    // The tooltip event Qt sends when the mouse rests (after about a second) keeps the point's text.
    QHelpEvent rest(QEvent::ToolTip, at, panel->viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(panel->viewport(), &rest);
    QVERIFY2(QToolTip::text().contains("layer layer2, epoch 10"), qPrintable(QToolTip::text()));
    // Away from every point, the rest brings the chart's help.
    const QPoint away = panel->mapFromScene(panel->chart()->mapToScene(panel->chart()->plotArea().topLeft() + QPointF(3, 3)));
    QHelpEvent elsewhere(QEvent::ToolTip, away, panel->viewport()->mapToGlobal(away));
    QCoreApplication::sendEvent(panel->viewport(), &elsewhere);
    QVERIFY2(QToolTip::text().contains("Drag to zoom"), qPrintable(QToolTip::text()));
  }

  void fieldsAreCheckedLiveAndNamedAsShown() {
    auto window = newWindow(temp_.filePath("runs"));
    ExperimentPanel* panel = window->experimentPanel();
    panel->setExperiment(quickScaling());
    QVERIFY2(panel->runButton()->isEnabled(), qPrintable(panel->problem()));
    auto* reason = panel->runControls()->findChild<QLabel*>("reason");
    const int runY = panel->runButton()->mapTo(window.get(), QPoint(0, 0)).y();

    auto* sizes = panel->findChild<QLineEdit*>("sizes");
    sizes->setText("100, abc");
    QVERIFY(!panel->runButton()->isEnabled());
    QVERIFY2(reason->text().contains("N (entry 2) must be a positive integer, got \"abc\""), qPrintable(reason->text()));
    QVERIFY(sizes->property("invalid").toBool());
    QCoreApplication::processEvents();
    QCOMPARE(panel->runButton()->mapTo(window.get(), QPoint(0, 0)).y(), runY);  // Run stays put
    sizes->setText("100, 200");
    QVERIFY(panel->runButton()->isEnabled());
    QVERIFY(!sizes->property("invalid").toBool());

    // Spin boxes keep what was typed: -5 is shown as -5 and refused with the field's name.
    auto* seed = panel->findChild<QSpinBox*>("seed");
    seed->selectAll();
    QTest::keyClicks(seed, "-5");
    QCOMPARE(seed->value(), -5);
    QVERIFY2(reason->text().contains("Seed must be a non-negative integer"), qPrintable(reason->text()));
    QVERIFY(seed->property("invalid").toBool());
    seed->setValue(5);
    auto* repeats = panel->findChild<QSpinBox*>("repeats");
    repeats->setValue(0);
    QVERIFY2(reason->text().contains("Repeats must be a positive integer"), qPrintable(reason->text()));
    QVERIFY(repeats->property("invalid").toBool());
    repeats->setValue(3);
    QVERIFY(panel->runButton()->isEnabled());

    // A plugin parameter: the schema's range and the plugin's own rule (binning's lo < hi).
    EstimatorEditor* editor = panel->estimatorEditors().front();
    auto* combo = editor->findChild<QComboBox*>("estimator");
    combo->setCurrentIndex(combo->findData("ksg"));
    auto* k = editor->findChild<QSpinBox*>("k");
    QVERIFY(k);
    k->selectAll();
    QTest::keyClicks(k, "-5");
    QCOMPARE(k->value(), -5);
    QVERIFY2(reason->text().contains("parameter 'k' of 'ksg'"), qPrintable(reason->text()));
    QVERIFY(editor->findChild<ParamForm*>()->invalidField() == k);
    k->setValue(3);
    QVERIFY(panel->runButton()->isEnabled());
    combo->setCurrentIndex(combo->findData("binning"));
    auto* range = editor->findChild<QLineEdit*>("range");
    QVERIFY(range);
    range->setText("1, -1");
    QVERIFY(!panel->runButton()->isEnabled());
    QVERIFY2(reason->text().contains("parameter 'range' of 'binning' must be [lo, hi] with lo < hi"),
             qPrintable(reason->text()));
    QVERIFY(editor->findChild<ParamForm*>()->invalidField() == range);
    range->setText("-1, 1");
    QVERIFY(panel->runButton()->isEnabled());
    QCOMPARE(panel->runButton()->mapTo(window.get(), QPoint(0, 0)).y(), runY);
  }

  void openingAnExampleStartsTheFormAtItsTop() {
    auto window = newWindow(temp_.filePath("runs"));
    window->openExperiment(QStringLiteral(MIWB_SOURCE_DIR "/resources/examples/tanh-plane.json"));
    QScrollBar* bar = window->formScroll()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum());
    window->openExperiment(QStringLiteral(MIWB_SOURCE_DIR "/resources/examples/relu-plane.json"));
    QCOMPARE(bar->value(), 0);
  }

  void windowOpensOnTheTanhExample() {
    auto window = newWindow(temp_.filePath("runs"));
    QVERIFY2(window->windowTitle().startsWith("tanh-plane.json"), qPrintable(window->windowTitle()));
  }

  void failedRunKeepsTheLastGoodViews() {
    auto window = newWindow(temp_.filePath("runs"));
    window->experimentPanel()->setExperiment(quickScaling());
    QVERIFY(runAndWait(*window));
    QVERIFY(!window->scalingView()->data().empty());
    QVERIFY(!window->runErrorBanner()->isVisible());
    const QStringList groups = window->scalingView()->data().groups();

    // Training data that does not exist fails the run when it opens the dataset.
    window->experimentPanel()->setExperiment(trainingPlane(10, 3, temp_.filePath("missing.csv").toStdString()));
    QVERIFY(runAndWait(*window));
    QCOMPARE(window->scalingView()->data().groups(), groups);  // the last good results are still drawn
    QVERIFY(window->runErrorBanner()->isVisible());
    QVERIFY2(window->runErrorBanner()->text().contains("missing.csv"), qPrintable(window->runErrorBanner()->text()));
    // The next good run clears the error.
    window->experimentPanel()->setExperiment(quickScaling());
    QVERIFY(runAndWait(*window));
    QVERIFY(!window->runErrorBanner()->isVisible());
  }

  void storeIsCheckedWhenChosen() {
    auto window = newWindow(temp_.filePath("runs"));
    // A good store: trained here and saved; its summary appears without a run.
    Json doc = trainingPlane(12, 3);
    const QString store = temp_.filePath("store.npz");
    doc["dataset"]["params"]["save_path"] = store.toStdString();
    window->experimentPanel()->setExperiment(doc);
    QVERIFY(runAndWait(*window));
    QVERIFY(QFile::exists(store));
    window->openActivations(store);
    ExperimentPanel* panel = window->experimentPanel();
    QTRY_VERIFY(panel->storeSummary()->isVisible());
    const QString summary = panel->storeSummary()->text();
    QVERIFY2(summary.contains("N = 4096 samples") && summary.contains("inputs 12 columns") &&
                 summary.contains("layer1 (6)") && summary.contains("layer3 (3)") && summary.contains("output (2)") &&
                 summary.contains("epochs: 3 (1 to 12)") && summary.contains("on disk"),
             qPrintable(summary));
    QVERIFY(panel->runButton()->isEnabled());
    auto* layers = panel->findChild<QLineEdit*>("layers");
    layers->setText("layer1, layer9");
    QVERIFY2(panel->problem().contains("Layers (entry 2): the store has no layer 'layer9'"), qPrintable(panel->problem()));
    QVERIFY(layers->property("invalid").toBool());
    layers->setText("all");

    // A broken file: its error is shown at once and Run is disabled.
    const QString broken = temp_.filePath("broken.npz");
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a zip archive");
    file.close();
    window->openActivations(broken);
    QTRY_VERIFY(panel->storeSummary()->text().startsWith("Cannot use this store"));
    QVERIFY2(panel->storeSummary()->text().contains("broken.npz"), qPrintable(panel->storeSummary()->text()));
    QVERIFY(!panel->runButton()->isEnabled());
  }

  // Closed during training, the window's run folder keeps the recorded epochs; the same experiment
  // run again continues there from the last recorded epoch and ends with the results of a run that
  // was never interrupted.
  void trainingSurvivesClosingTheWindow() {
    const QString runs = temp_.filePath("resume-runs");
    const Json doc = trainingPlane(1500, 5);  // records epochs 1, 6, 39, 241 and 1500
    QString folder;
    {
      auto window = newWindow(runs);
      window->experimentPanel()->setExperiment(doc);
      window->setQuitConfirmation([] { return true; });
      QVERIFY(window->startRun());
      folder = window->lastRunFolder();
      QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(folder + "/training/epoch-241.bin"), kRunTimeoutMs);
      window->close();
      QTRY_VERIFY_WITH_TIMEOUT(!window->isRunning(), kRunTimeoutMs);
    }
    QVERIFY(QFile::exists(folder + "/training/state.bin"));
    QVERIFY(!QFile::exists(folder + "/training/epoch-1500.bin"));

    auto window = newWindow(runs);
    window->experimentPanel()->setExperiment(doc);
    std::vector<double> epochsSeen;
    connect(window->controller(), &RunController::metrics, this, [&](const std::vector<MetricPoint>& points) {
      for (const MetricPoint& p : points) epochsSeen.push_back(p.step);
    });
    QVERIFY(runAndWait(*window));
    QCOMPARE(window->lastRunFolder(), folder);
    QVERIFY(window->logPanel()->toPlainText().contains("Continuing the interrupted run"));
    QVERIFY(QFile::exists(folder + "/training/epoch-1500.bin"));

    // The reference: the same experiment never interrupted, into a fresh folder.
    const QString referenceFolder = temp_.filePath("reference");
    QVERIFY(runWithoutWindow(doc, referenceFolder));
    const auto resumed = journalValues(folder), reference = journalValues(referenceFolder);
    QCOMPARE(resumed.size(), std::size_t(5 * 4 * 2));  // 5 epochs x (3 hidden + output) layers x 2 quantities
    QVERIFY(resumed == reference);                     // bit for bit
  }

  // Every document field (those the form has no widget for shown read-only) is kept by Save as, Ctrl+S and a change
  // elsewhere (which writes only itself, no resolved default), and honoured by Run: every row has
  // the interval the CLI gives it.
  void documentFieldsSurviveSaveAndRun() {
    Json doc = quickScaling();
    doc["uncertainty"] = {{"resamples", 20}, {"level", 0.9}};
    doc["task_time_limit"] = 120;
    doc["estimators"][0]["quantities"] = {"I(X;Y)"};
    doc["grid"]["sweep"] = {{"param", "rho"}, {"values", {0.3, 0.6}}};
    const QString opened = temp_.filePath("with-uncertainty.json");
    QVERIFY(writeJson(opened, doc));
    auto window = newWindow(temp_.filePath("runs"));
    QVERIFY(window->openExperiment(opened));
    ExperimentPanel* panel = window->experimentPanel();
    auto* resamples = qobject_cast<QLineEdit*>(panel->documentField("uncertainty.resamples"));
    QVERIFY(resamples && resamples->isReadOnly() && resamples->isVisibleTo(window.get()));
    QCOMPARE(resamples->text(), QString("20"));
    QCOMPARE(qobject_cast<QLineEdit*>(panel->documentField("uncertainty.level"))->text(), QString("0.9"));
    QCOMPARE(qobject_cast<QLineEdit*>(panel->documentField("task_time_limit"))->text(), QString("120"));

    const QString savedAs = temp_.filePath("saved-as.json");
    QVERIFY(window->saveExperiment(savedAs));
    QVERIFY2(readJson(savedAs) == doc, readJson(savedAs).dump().c_str());  // as written: nothing lost, nothing added
    QFile::remove(savedAs);
    // Ctrl+S (the action bound to it; offscreen windows get no shortcut events) writes the file now open, in place.
    QAction* save = nullptr;
    for (QAction* action : window->findChildren<QAction*>())
      if (action->shortcut() == QKeySequence(QKeySequence::Save)) save = action;
    QVERIFY(save);
    save->trigger();
    QVERIFY(QFile::exists(savedAs));
    QVERIFY2(readJson(savedAs) == doc, readJson(savedAs).dump().c_str());
    panel->findChild<QSpinBox*>("repeats")->setValue(2);
    QVERIFY(window->saveExperiment(savedAs));
    Json changed = doc;
    changed["grid"]["repeats"] = 2;
    QVERIFY2(readJson(savedAs) == changed, readJson(savedAs).dump().c_str());

    QVERIFY(runAndWait(*window));
    const auto rows = journalRows(window->lastRunFolder());
    QCOMPARE(rows.size(), std::size_t(3 * 2 * 2));  // 3 N x 2 repeats x 2 swept values
    for (const miwb::ResultRow& row : rows) {
      QVERIFY2(row.ok && row.ciLowNats && row.ciHighNats, row.task.c_str());
      QVERIFY(*row.ciLowNats <= *row.ciHighNats);
    }
    // The run folder's experiment.json is the resolved record, with both fields.
    const Json record = readJson(window->lastRunFolder() + "/experiment.json");
    QCOMPARE(record["uncertainty"], doc["uncertainty"]);
    QCOMPARE(record["task_time_limit"].get<double>(), 120.0);
  }

  // A task time limit in the document stops the window's run of a slow task, as in the CLI.
  void windowRunHonoursTheTaskTimeLimit() {
    miwb::PluginRegistry registry;
    registry.scan(miwb::PluginRegistry::defaultSearchPath() << QStringLiteral(MIWB_FIXTURE_PLUGIN_DIR));
    QVERIFY(registry.estimator("sleepy"));
    MainWindow window(registry);
    window.experimentPanel()->setOutputFolder(temp_.filePath("limit-runs"));
    const Json doc{{"schema", "miwb.experiment/1"}, {"name", "limited"}, {"kind", "scaling"}, {"seed", 1},
                   {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.5}}}}},
                   {"estimators", {{{"id", "sleepy"}, {"params", {{"ms", 10000}}}, {"label", "slow"}},
                                   {{"id", "sleepy"}, {"params", {{"ms", 0}}}, {"label", "quick"}}}},
                   {"grid", {{"n", {50}}, {"repeats", 2}}},
                   {"task_time_limit", 0.3}};
    window.experimentPanel()->setExperiment(doc);
    QVERIFY2(window.experimentPanel()->runButton()->isEnabled(), qPrintable(window.experimentPanel()->problem()));
    QVERIFY(runAndWait(window));
    const auto rows = journalRows(window.lastRunFolder());
    QCOMPARE(rows.size(), std::size_t(4));
    for (const miwb::ResultRow& row : rows) {
      QCOMPARE(row.ok, row.estimator == "quick");
      if (!row.ok) QCOMPARE(QString::fromStdString(row.message), QString("stopped at the task time limit of 0.3 s"));
    }
  }

  // An unknown parameter from the file disables Run with the CLI's words and turns its own (read-only)
  // row red; removing it lets the experiment run. A misspelt top-level key gets the CLI's hint.
  void windowRefusesWhatTheCliRefuses() {
    Json doc = quickScaling();
    doc["estimators"][0] = {{"id", "binning"}, {"params", {{"binz", 30}}}, {"label", "bins"}};
    doc["uncertainy"] = {{"resamples", 20}};
    auto window = newWindow(temp_.filePath("runs"));
    ExperimentPanel* panel = window->experimentPanel();
    panel->setExperiment(doc);
    QVERIFY(!panel->runButton()->isEnabled());
    auto* reason = panel->runControls()->findChild<QLabel*>("reason");
    QVERIFY2(reason->text().contains("unknown parameter 'binz' for 'binning' (known: bins, range, scheme)"),
             qPrintable(reason->text()));
    auto* form = panel->estimatorEditors().front()->findChild<ParamForm*>();
    QVERIFY(form->unknownField("binz"));
    QCOMPARE(form->invalidField(), form->unknownField("binz"));
    QCOMPARE(panel->unknownKeyWarnings(), QStringList({"unknown key 'uncertainy' is ignored (did you mean 'uncertainty'?)"}));
    auto* warning = panel->findChild<QLabel*>("unknownKeys");
    QVERIFY(warning && warning->isVisibleTo(window.get()) && warning->text().contains("did you mean 'uncertainty'?"));
    // The document keeps the key until it is removed.
    QCOMPARE(panel->experiment()["estimators"][0]["params"]["binz"], Json(30));
    form->findChild<QToolButton*>("remove binz")->click();
    QVERIFY2(panel->runButton()->isEnabled(), qPrintable(panel->problem()));
    QVERIFY(!panel->experiment()["estimators"][0].value("params", Json::object()).contains("binz"));
  }

  // The field a refusal names travels as data: the widget that shows it turns red.
  void invalidFieldTurnsItsOwnWidgetRed() {
    auto window = newWindow(temp_.filePath("runs"));
    ExperimentPanel* panel = window->experimentPanel();
    Json doc = quickScaling();
    doc["uncertainty"] = {{"resamples", 20}, {"level", 1.5}};
    panel->setExperiment(doc);
    QVERIFY(!panel->runButton()->isEnabled());
    QVERIFY(panel->documentField("uncertainty.level")->property("invalid").toBool());
    QVERIFY(!panel->documentField("uncertainty.resamples")->property("invalid").toBool());
    QVERIFY2(panel->problem().startsWith("Uncertainty level must lie strictly between 0 and 1"), qPrintable(panel->problem()));
    // Two estimators under one label: the second one's label.
    doc = quickScaling();
    doc["estimators"].push_back({{"id", "ksg"}, {"label", "gauss"}});
    panel->setExperiment(doc);
    const auto& editors = panel->estimatorEditors();
    QCOMPARE(editors.size(), std::size_t(2));
    QVERIFY(editors[1]->widgetFor("label")->property("invalid").toBool());
    QVERIFY(!editors[0]->widgetFor("label")->property("invalid").toBool());
    QVERIFY2(panel->problem().startsWith("Label of estimator 2 repeats the label \"gauss\""), qPrintable(panel->problem()));
  }

  // A benchmark run folder opened with File > Open results fills the Benchmark view, as the run did.
  void openedBenchmarkFolderFillsTheBenchmarkView() {
    const Json doc{{"schema", "miwb.experiment/1"}, {"name", "bench"}, {"kind", "benchmark"}, {"seed", 2},
                   {"dataset", {{"id", "bmi"}}},
                   {"estimators", {{{"id", "gaussian"}, {"label", "G"}}}},
                   {"grid", {{"tasks", {"1v1-normal-0.75", "1v1-additive-0.75"}}, {"n", {200, 400}}, {"repeats", 2}}}};
    const QString folder = temp_.filePath("bench-folder");
    QVERIFY(runWithoutWindow(doc, folder));
    const auto rows = journalRows(folder);
    QCOMPARE(rows.size(), std::size_t(2 * 2 * 2));

    auto window = newWindow(temp_.filePath("runs"));
    QVERIFY(window->openResults(folder));
    QCOMPARE(window->views()->currentWidget(), static_cast<QWidget*>(window->benchmarkView()));
    const auto& data = window->benchmarkView()->data();
    QCOMPARE(data.tasks().size(), std::size_t(2));
    QCOMPARE(data.sizes(), std::vector<long long>({200, 400}));
    QCOMPARE(data.repeats(), 2);
    for (const char* task : {"1v1-normal-0.75", "1v1-additive-0.75"})
      for (long long n : {200LL, 400LL}) {
        const auto* cell = data.cell(task, "G", n);
        QVERIFY2(cell && cell->runs == 2 && cell->mean, task);
        double sum = 0;
        for (const miwb::ResultRow& row : rows)
          if (row.benchmarkTask == task && row.n == n) sum += *row.valueNats;
        QVERIFY(std::abs(*cell->mean - sum / 2) < 1e-12);
      }
    QVERIFY(window->scalingView()->data().empty());  // benchmark rows are no scaling curves
  }
};

QTEST_MAIN(TestWindow)
#include "test_window.moc"
