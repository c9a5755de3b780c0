// The journeys a researcher takes through the window, driven on the real MainWindow (offscreen) and
// checked against what is on disk: the views, the table and the exported data against the run's
// journal, the form against the document it was opened from. Each journey is named after the
// problem of the first new-user trial it guards (problems 1-9):
//   1 a resumed run shows only its new results      6 the window at 1280 x 800
//   2 the mouse wheel edits the form                7 tick rules on every axis (zoom, colour bar)
//   3 calibration outside its curve                 8 numbers quoted in the README
//   4 layers in alphabetical order                  9 the smaller ones (threads, dialogs, logs)
//   5 drops refused on charts, pasted into fields
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFontMetricsF>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>
#include <QWheelEvent>
#include <cmath>
#include <map>
#include <set>

#include "charts/calibration_chart.h"
#include "charts/chart_panel.h"
#include "charts/color_bar_item.h"
#include "charts/nice_ticks.h"
#include "charts/palette.h"
#include "charts/plane_chart.h"
#include "dialogs/calibration_dialog.h"
#include "dialogs/export_dialog.h"
#include "experiment/experiment_panel.h"
#include "journey_store.h"
#include "miwb/io/npy.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/run/results_journal.h"
#include "run/run_controller.h"
#include "support/cli_process.h"
#include "views/plane_view.h"
#include "views/results_table_model.h"
#include "views/table_view.h"
#include "window/log_panel.h"
#include "window/main_window.h"

using miwb::Json;
using namespace miwb::gui;
namespace charts = miwb::charts;

namespace {

constexpr int kRunTimeoutMs = 120000;  // two shared cores on CI

Json storePlane(const QString& store, const Json& estimator, const Json& layers = "all") {
  return {{"schema", "miwb.experiment/1"}, {"name", "journey plane"}, {"kind", "information-plane"}, {"seed", 7},
          {"dataset", {{"id", "activations"}, {"params", {{"path", store.toStdString()}}}}},
          {"estimators", Json::array({estimator})},
          {"grid", {{"layers", layers}, {"epochs", "all"}, {"samples", "all"}}}};
}

const Json kBinning{{"id", "binning"}, {"params", {{"bins", 30}, {"range", {-1, 1}}}}, {"label", "binning 30 bins"}};

std::vector<miwb::ResultRow> journalRows(const QString& folder) {
  std::vector<miwb::ResultRow> rows;
  miwb::ResultsJournal::read(folder + "/results.jsonl", rows);
  return rows;
}

int journalLines(const QString& folder) {
  QFile file(folder + "/results.jsonl");
  if (!file.open(QIODevice::ReadOnly)) return 0;
  return file.readAll().count('\n');
}

// Plane rows as a run reports them: every layer at every epoch, both quantities.
std::vector<miwb::ResultRow> planeRows(const QStringList& layers, const std::vector<int>& epochs, double scale = 1) {
  std::vector<miwb::ResultRow> rows;
  for (int l = 0; l < layers.size(); ++l)
    for (int epoch : epochs)
      for (const char* quantity : {"I(X;T)", "I(T;Y)"}) {
        miwb::ResultRow row;
        row.task = layers[l].toStdString() + quantity + std::to_string(epoch);
        row.estimator = "bins";
        row.quantity = quantity;
        row.layer = layers[l].toStdString();
        row.layerIndex = l;
        row.epoch = epoch;
        row.valueNats = scale * ((quantity[2] == 'X' ? 2.0 : 0.3) + 0.013 * epoch + 0.41 * l);
        rows.push_back(row);
      }
  return rows;
}

// Answers the next message box the window shows with `button`; `seen` gets its text.
void answerNextMessageBox(QMessageBox::StandardButton button, QString* seen) {
  auto* timer = new QTimer;
  timer->setInterval(20);
  auto tries = std::make_shared<int>(0);
  QObject::connect(timer, &QTimer::timeout, [timer, button, seen, tries] {
    if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
      if (seen) *seen = box->text();
      box->button(button)->click();
      timer->deleteLater();
    } else if (++*tries > 100) {
      timer->deleteLater();
    }
  });
  timer->start();
}

// Whether an axis obeys docs/figures.md: a step of 1, 2, 2.5 or 5 x 10^k, ends on ticks.
QString tickRuleBroken(const QValueAxis* axis) {
  const double step = axis->tickInterval();
  if (!(step > 0)) return "no tick interval";
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-12));
  bool nice = false;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) nice = nice || std::abs(mantissa - m) < 1e-6;
  if (!nice) return QStringLiteral("step %1").arg(step);
  for (double end : {axis->min(), axis->max()})
    if (std::abs(end / step - std::round(end / step)) > 1e-6) return QStringLiteral("ends at %1 (step %2)").arg(end).arg(step);
  const int intervals = static_cast<int>(std::round((axis->max() - axis->min()) / step));
  if (intervals < 2 || intervals > 12) return QStringLiteral("%1 intervals").arg(intervals);
  return {};
}

QValueAxis* valueAxis(QChart* chart, Qt::Orientation orientation) {
  const auto axes = chart->axes(orientation);
  return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
}

void sendDrop(QWidget* target, const QString& file, bool* entered) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(file)});
  const QPoint at = target->rect().center();
  QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(target, &enter);
  *entered = enter.isAccepted();
  QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(target, &drop);
}

}  // namespace

class TestJourneys : public QObject {
  Q_OBJECT

 private:
  miwb::PluginRegistry registry_;
  QTemporaryDir temp_;

  std::unique_ptr<MainWindow> newWindow(const QString& runs, QSize size = {1400, 900}) {
    auto window = std::make_unique<MainWindow>(registry_);
    window->resize(size);
    window->experimentPanel()->setOutputFolder(runs);
    window->show();
    return window;
  }

  static QSpinBox* threadsBox(MainWindow& window) {
    return window.experimentPanel()->runControls()->findChild<QSpinBox*>();
  }

  bool runAndWait(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::runFinished);
    if (!window.startRun()) return false;
    return finished.wait(kRunTimeoutMs);
  }

  QString store(const QString& name, const journeys::StoreShape& shape) {
    const QString path = temp_.filePath(name);
    if (!QFile::exists(path)) {
      const miwb::Status s = journeys::writeStore(path, shape);
      if (!s) qWarning("%s", s.message().c_str());
    }
    return path;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("miwb-test-journeys");
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    for (const char* id : {"binning", "ksg", "activations"})
      QVERIFY2(registry_.estimator(id) || registry_.dataset(id), id);
  }

  // Problem 1: closed mid-run and run again, the run skips what its journal holds; the views, the
  // table and the exported CSV must still show every result in the journal, and the layer colours
  // must not move.
  void problem1_resumedRunShowsTheWholeJournal() {
    journeys::StoreShape shape;
    shape.layers = {"h1", "h2", "h3"};
    shape.epochs.clear();
    for (int e = 1; e <= 16; ++e) shape.epochs.push_back(e * e);
    shape.samples = 1200;
    shape.units = 4;
    const Json doc = storePlane(store("resume.npz", shape), {{"id", "ksg"}, {"label", "ksg"}});
    const QString runs = temp_.filePath("resume-runs");
    const int total = 3 * 16 * 2;
    QString folder;
    {
      auto window = newWindow(runs);
      window->experimentPanel()->setExperiment(doc);
      threadsBox(*window)->setValue(1);
      window->setQuitConfirmation([] { return true; });
      QTRY_VERIFY2(window->experimentPanel()->problem().isEmpty(), qPrintable(window->experimentPanel()->problem()));
      QVERIFY(window->startRun());
      folder = window->lastRunFolder();
      QTRY_VERIFY_WITH_TIMEOUT(journalLines(folder) >= 4, kRunTimeoutMs);
      window->close();
      QTRY_VERIFY_WITH_TIMEOUT(!window->isRunning(), kRunTimeoutMs);
    }
    const int before = journalLines(folder);
    QVERIFY2(before < total, "the run ended before the window closed: nothing to resume");

    auto window = newWindow(runs);
    window->experimentPanel()->setExperiment(doc);
    threadsBox(*window)->setValue(1);
    QTRY_VERIFY(window->experimentPanel()->problem().isEmpty());
    QVERIFY(runAndWait(*window));
    QCOMPARE(window->lastRunFolder(), folder);
    QVERIFY(window->logPanel()->toPlainText().contains("already in the journal"));

    const std::vector<miwb::ResultRow> journal = journalRows(folder);
    QCOMPARE(int(journal.size()), total);
    QCOMPARE(int(window->tableView()->model()->rows().size()), total);
    // Every point of the journal, in the view and in its CSV, with the journal's values.
    std::map<std::pair<std::string, int>, std::pair<double, double>> expected;  // (layer, epoch) -> (I(X;T), I(T;Y))
    for (const miwb::ResultRow& row : journal)
      (row.quantity == "I(X;T)" ? expected[{*row.layer, *row.epoch}].first : expected[{*row.layer, *row.epoch}].second) = *row.valueNats;
    const charts::PlaneData& data = window->planeView()->data();
    int points = 0;
    auto lookup = [&](const std::string& layer, int epoch) -> std::pair<double, double> {
      const auto it = expected.find({layer, epoch});
      if (it == expected.end()) qWarning("not in the journal: layer %s, epoch %d", layer.c_str(), epoch);
      return it == expected.end() ? std::pair<double, double>{NAN, NAN} : it->second;
    };
    for (const QString& layer : data.layers("ksg"))
      for (const charts::PlanePoint& p : data.curve("ksg", layer)) {
        const auto [ixt, ity] = lookup(layer.toStdString(), p.epoch);
        QCOMPARE(p.ixtNats, ixt);
        QCOMPARE(p.ityNats, ity);
        ++points;
      }
    QCOMPARE(points, 3 * 16);
    const QString csvPath = temp_.filePath("resumed-plane.csv");
    QVERIFY(window->planeView()->exportTo(csvPath, {}));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(int(lines.size()) - 1, 3 * 16);
    for (int i = 1; i < lines.size(); ++i) {
      QList<QByteArray> f = lines[i].split(',');
      for (QByteArray& field : f)
        if (field.startsWith('"') && field.endsWith('"')) field = field.mid(1, field.size() - 2);
      const auto [ixt, ity] = lookup(f[1].toStdString(), f[2].toInt());
      QVERIFY(std::abs(f[3].toDouble() - ixt / std::log(2.0)) < 1e-8 * std::max(1.0, ixt));
      QVERIFY(std::abs(f[4].toDouble() - ity / std::log(2.0)) < 1e-8 * std::max(1.0, ity));
    }
    // Colours by the layer's place in the store, as in an uninterrupted run (once the view has
    // redrawn: it coalesces redraws on a short timer).
    QTRY_VERIFY(window->planeView()->charts().first()->markers("h3"));
    for (int i = 0; i < 3; ++i)
      QCOMPARE(window->planeView()->charts().first()->markers(shape.layers[i].c_str())->color(), charts::categoricalColor(i));
  }

  // Problem 2: a wheel over the form scrolls it and edits nothing; an edit marks the window
  // modified (`*`), and closing with unsaved changes asks first.
  void problem2_wheelOverTheFormEditsNothing() {
    auto window = newWindow(temp_.filePath("wheel-runs"));
    QVERIFY(window->windowTitle().startsWith("tanh-plane.json"));
    ExperimentPanel* panel = window->experimentPanel();
    const Json before = panel->experiment();
    QScrollBar* bar = window->formScroll()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    int wheeled = 0;
    QList<QWidget*> fields;
    for (QComboBox* box : panel->findChildren<QComboBox*>()) fields << box;
    for (QAbstractSpinBox* box : panel->findChildren<QAbstractSpinBox*>()) fields << box;
    for (QWidget* field : fields) {
      if (!field->isVisible() || field->hasFocus()) continue;
      QVERIFY2(field->focusPolicy() != Qt::WheelFocus, qPrintable(field->objectName()));  // a wheel never focuses it
      const QPoint at = field->rect().center();
      QWheelEvent wheel(at, field->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
      QCoreApplication::sendEvent(field, &wheel);
      ++wheeled;
    }
    QVERIFY(wheeled >= 5);
    QVERIFY2(panel->experiment() == before, panel->experiment().dump().c_str());
    QVERIFY(bar->value() > 0);  // the wheel scrolled the form instead
    QVERIFY(!window->windowTitle().startsWith("*"));

    // An edit marks the window modified; closing asks, and Cancel keeps it open.
    auto* name = panel->findChild<QLineEdit*>("name");
    name->setText("my tanh plane");
    QVERIFY2(window->windowTitle().startsWith("*"), qPrintable(window->windowTitle()));
    QString asked;
    answerNextMessageBox(QMessageBox::Cancel, &asked);
    window->close();
    QVERIFY2(asked.contains("unsaved"), qPrintable(asked));
    QVERIFY(window->isVisible());
    // Saved, it closes without asking and the marker is gone.
    const QString saved = temp_.filePath("my-plane.json");
    QVERIFY(window->saveExperiment(saved));
    QVERIFY(!window->windowTitle().startsWith("*"));
    QVERIFY(window->close());
    // The saved file is the opened one with that one edit.
    Json savedDoc;
    QVERIFY(miwb::readJsonFile(saved.toStdString(), savedDoc));
    QCOMPARE(QString::fromStdString(savedDoc["name"].get<std::string>()), QString("my tanh plane"));
    QVERIFY(savedDoc["dataset"] == before["dataset"]);
    QVERIFY(savedDoc["estimators"] == before["estimators"]);
  }

  // Problem 3: a binning point far below what binning gives on known-truth data of its shape gets
  // "outside what this family produces", never a confident interval like "between 0 and 0".
  void problem3_calibrationOutsideTheCurveSaysSo() {
    Json resolved;
    std::unique_ptr<miwb::Estimator> estimator;
    QVERIFY(registry_.createEstimator("binning", kBinning["params"], estimator, &resolved));
    miwb::ResultRow row;
    row.task = "plane point";
    row.estimator = "binning 30 bins";
    row.estimatorId = "binning";
    row.quantity = "I(X;T)";
    row.layer = "layer3";
    row.epoch = 143;
    row.n = 4096;
    row.dx = 12;
    row.dy = 2;
    row.valueNats = 0.836;
    CalibrationDialog dialog(registry_, row, resolved);
    dialog.show();
    QSignalSpy done(&dialog, &CalibrationDialog::calibrated);
    dialog.start();
    QVERIFY(done.wait(kRunTimeoutMs));
    QCOMPARE(done.first().first().toBool(), true);
    const QString answer = dialog.findChild<QLabel*>("answer")->text();
    QVERIFY2(answer.contains("outside what"), qPrintable(answer));
    QVERIFY2(!answer.contains("between 0 and 0"), qPrintable(answer));
    const auto& result = dialog.figure().result;
    QVERIFY(!result.readBack.low && !result.readBack.high && !result.readBack.calibrated);
    // The range it does produce is named: every band of the curve lies above the estimate.
    for (const auto& c : result.curve) QVERIFY(c.fittedMean - c.halfWidth > 0.836);
    // The chart draws no interval for it.
    auto* panel = dialog.findChild<charts::ChartPanel*>("calibrationChart");
    QVERIFY(panel);
    for (const QString& name : panel->baseChart()->legendNames()) QVERIFY2(!name.contains("interval"), qPrintable(name));
    // Problem 9: the dialog can be closed and its figure exported.
    QVERIFY(dialog.findChild<QPushButton*>("export"));
    QVERIFY(dialog.findChild<QPushButton*>("close"));

    // The command line says the same: miwb-cli calibrate on a plane point's data, 12 binary inputs
    // and 2 activations that stay in one bin (binning gives 0 nats, far below every band).
    miwb::Random random(4096);
    miwb::Matrix x(4096, 12), y(4096, 2);
    for (miwb::Index i = 0; i < x.rows(); ++i) {
      for (miwb::Index j = 0; j < x.cols(); ++j) x(i, j) = static_cast<double>(random.integer(2));
      for (miwb::Index j = 0; j < y.cols(); ++j) y(i, j) = 0.001 * random.uniform();
    }
    miwb::test::writeFile(temp_.filePath("point-x.npy"), QByteArray::fromStdString(miwb::encodeNpy(x)));
    miwb::test::writeFile(temp_.filePath("point-y.npy"), QByteArray::fromStdString(miwb::encodeNpy(y)));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", temp_.filePath("cli-data"));  // a cache of its own
    const miwb::test::CliResult cli = miwb::test::runCli({"calibrate", "-e", "binning", "-p", "bins=30", "-p", "range=-1,1", "--x",
                                                          temp_.filePath("point-x.npy"), "--y", temp_.filePath("point-y.npy"), "--json"},
                                                         {}, env);
    QVERIFY2(cli.code == 0, qPrintable(cli.err));
    const Json j = Json::parse(cli.out.toStdString());
    QCOMPARE(QString::fromStdString(j["bound"].get<std::string>()), QString("outside"));
    QVERIFY(j["calibrated_nats"].is_null() && j["calibrated_low_nats"].is_null() && j["calibrated_high_nats"].is_null());
    QVERIFY(j["produced_low_nats"].get<double>() > j["estimate_nats"].get<double>());
    const QString statement = QString::fromStdString(j["statement"].get<std::string>());
    QVERIFY2(statement.contains("outside what binning produces at N = 4096 and 12+2 dims"), qPrintable(statement));
  }

  // Problem 4: layers in the store's order (its `layers` member), in the views, legends, toggles
  // and CSV; each layer's colour is keyed by its place in the store.
  void problem4_layersKeepTheStoreOrder() {
    const QString path = store("order.npz", {});
    auto window = newWindow(temp_.filePath("order-runs"));
    window->experimentPanel()->setExperiment(storePlane(path, kBinning));
    QTRY_VERIFY(window->experimentPanel()->problem().isEmpty());
    QVERIFY(runAndWait(*window));
    PlaneView* view = window->planeView();
    const QStringList order{"dense", "conv", "out"};
    QCOMPARE(view->data().allLayers(), order);
    QTRY_COMPARE(view->charts().first()->legendNames(), order);
    QTRY_VERIFY(view->layerToggle("out"));
    // The toggles' row is laid out by the event loop after they are made (slow under ASan).
    QTRY_VERIFY(view->layerToggle("dense")->x() < view->layerToggle("conv")->x());
    QTRY_VERIFY(view->layerToggle("conv")->x() < view->layerToggle("out")->x());
    const QStringList csv = view->figure().dataCsv().trimmed().split('\n');
    QStringList csvLayers;
    for (int i = 1; i < csv.size(); ++i)
      if (const QString layer = csv[i].split(',')[1].remove('"'); !csvLayers.contains(layer)) csvLayers << layer;
    QCOMPARE(csvLayers, order);
    for (int i = 0; i < 3; ++i) QCOMPARE(view->charts().first()->markers(order[i])->color(), charts::categoricalColor(i));
    // Opened again as results (File > Open results): the same order, the plane shown, every point.
    const QString folder = window->lastRunFolder();
    window->openExperiment(QStringLiteral(MIWB_SOURCE_DIR "/resources/examples/tanh-plane.json"));
    QVERIFY(window->openResults(folder));
    QCOMPARE(window->views()->currentWidget(), static_cast<QWidget*>(view));
    QCOMPARE(view->data().allLayers(), order);
    QTRY_COMPARE(view->charts().first()->legendNames(), order);
    int points = 0;
    for (const QString& layer : order) points += static_cast<int>(view->data().curve("binning 30 bins", layer).size());
    QCOMPARE(points, 3 * 3);
    QCOMPARE(int(window->tableView()->model()->rows().size()), int(journalRows(folder).size()));

    // Only the last two layers: they keep their colours.
    window->experimentPanel()->setExperiment(storePlane(path, kBinning, Json::array({"conv", "out"})));
    QTRY_VERIFY(window->experimentPanel()->problem().isEmpty());
    QVERIFY(runAndWait(*window));
    QCOMPARE(view->data().allLayers(), QStringList({"conv", "out"}));
    QTRY_VERIFY(view->charts().first()->markers("out"));
    QCOMPARE(view->charts().first()->markers("conv")->color(), charts::categoricalColor(1));
    QCOMPARE(view->charts().first()->markers("out")->color(), charts::categoricalColor(2));

    // Without positions (rows of an old journal), names with numbers sort naturally: h2 before h10.
    charts::PlaneData old;
    for (miwb::ResultRow row : planeRows({"h10", "h2", "h1"}, {1, 2})) {
      row.layerIndex.reset();
      old.add(row);
    }
    QCOMPARE(old.allLayers(), QStringList({"h1", "h2", "h10"}));
  }

  // Problem 5: a file dropped anywhere in the window opens (the charts cover most of it), and is
  // never pasted into a text field.
  void problem5_dropsOpenAnywhereAndNeverPaste() {
    const QString path = store("dropped.npz", {});
    auto window = newWindow(temp_.filePath("drop-runs"));
    window->views()->setCurrentWidget(window->planeView());
    QTRY_VERIFY(!window->planeView()->panels().isEmpty());
    QWidget* chart = window->planeView()->panels().first()->viewport();
    QTRY_VERIFY(chart->isVisible());
    bool entered = false;
    sendDrop(chart, path, &entered);
    QVERIFY(entered);
    Json doc = window->experimentPanel()->experiment();
    QCOMPARE(QString::fromStdString(doc["dataset"]["params"].value("path", std::string())), path);

    window->openExperiment(QStringLiteral(MIWB_SOURCE_DIR "/resources/examples/tanh-plane.json"));
    auto* name = window->experimentPanel()->findChild<QLineEdit*>("name");
    const QString nameBefore = name->text();
    sendDrop(name, path, &entered);
    QVERIFY(entered);
    QVERIFY2(!name->text().contains("file:") && !name->text().contains(path) , qPrintable(name->text()));
    doc = window->experimentPanel()->experiment();
    QCOMPARE(QString::fromStdString(doc["dataset"]["params"].value("path", std::string())), path);
    QVERIFY(nameBefore != name->text());  // the store's experiment, named after the store
  }

  // Problem 6: at 1280 x 800 the views get most of the width, layer toggles show their names (or
  // an elided name with the whole one in the tooltip), and nothing resizes the window.
  void problem6_fitsIn1280x800() {
    auto window = newWindow(temp_.filePath("small-runs"), {1280, 800});
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY2(window->minimumSizeHint().width() <= 1280, qPrintable(QString::number(window->minimumSizeHint().width())));
    // The tanh example: two panels, six layers.
    PlaneView* view = window->planeView();
    window->views()->setCurrentWidget(view);
    std::vector<miwb::ResultRow> rows = planeRows({"layer1", "layer2", "layer3", "layer4", "layer5", "output"}, {1, 10, 100});
    for (miwb::ResultRow row : std::vector<miwb::ResultRow>(rows)) {
      row.estimator = "KDE upper";
      rows.push_back(row);
    }
    view->reset({"bins", "KDE upper"});
    view->addRows(rows);
    QTRY_VERIFY(view->layerToggle("output"));
    QCoreApplication::processEvents();
    QTest::qWait(50);
    QCOMPARE(window->width(), 1280);
    QCOMPARE(window->height(), 800);
    QVERIFY2(window->views()->width() >= 0.6 * 1280, qPrintable(QString::number(window->views()->width())));
    // The form's dock can be as narrow as a first start makes it (400 px): nothing in it (the run
    // cost, the buttons) holds it wider.
    auto* dock = window->findChild<QDockWidget*>("experimentDock");
    QVERIFY2(dock->minimumSizeHint().width() <= 400, qPrintable(QString::number(dock->minimumSizeHint().width())));
    for (const QString layer : {"layer1", "layer5", "output"}) {
      QToolButton* toggle = view->layerToggle(layer);
      const bool whole = toggle->text() == layer && toggle->width() >= toggle->sizeHint().width();
      const bool elided = toggle->text().endsWith(QChar(0x2026)) && toggle->width() >= toggle->sizeHint().width();
      QVERIFY2(whole || elided, qPrintable(QStringLiteral("%1: '%2' in %3 px of %4").arg(layer, toggle->text())
                                               .arg(toggle->width()).arg(toggle->sizeHint().width())));
      QVERIFY(toggle->toolTip().contains(layer));
    }
    // Axis labels are not cut ("1..."): between two ticks there is room for the widest label, and
    // the axes still follow the tick rules.
    for (charts::PlaneChart* chart : view->charts()) {
      QValueAxis* x = valueAxis(chart, Qt::Horizontal);
      QVERIFY2(tickRuleBroken(x).isEmpty(), qPrintable(tickRuleBroken(x)));
      const double step = x->tickInterval(), intervals = std::round((x->max() - x->min()) / step);
      const QFontMetricsF metrics(x->labelsFont());
      double widest = 0;
      for (double tick = x->min(); tick <= x->max() + step / 2; tick += step)
        widest = std::max(widest, metrics.horizontalAdvance(charts::tickLabel(tick, step)));
      QVERIFY2(chart->plotArea().width() / intervals >= widest + 4,
               qPrintable(QStringLiteral("%1 px for %2 intervals, labels %3 px wide").arg(chart->plotArea().width()).arg(intervals).arg(widest)));
    }
  }

  // Problem 7: every axis follows the tick rules, after a zoom too; the epoch colour bar has
  // integer ticks only; the calibration chart's axes too.
  void problem7_ticksFollowTheRulesEverywhere() {
    PlaneView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.reset({"bins"});
    view.addRows(planeRows({"layer1", "layer2"}, {0, 1, 2}, 3.7));
    QTRY_VERIFY(view.layerToggle("layer1"));
    charts::PlaneChart* chart = view.charts().first();
    for (Qt::Orientation o : {Qt::Horizontal, Qt::Vertical}) QVERIFY2(tickRuleBroken(valueAxis(chart, o)).isEmpty(), qPrintable(tickRuleBroken(valueAxis(chart, o))));
    for (double tick : chart->colorBar()->ticks()) QVERIFY2(tick == std::round(tick), qPrintable(QString::number(tick)));
    // Zoom by dragging a rectangle over an odd part of the plot.
    charts::ChartPanel* panel = view.panels().first();
    const QRectF plot = chart->plotArea();
    auto viewportAt = [&](double fx, double fy) {
      return panel->mapFromScene(chart->mapToScene(QPointF(plot.left() + fx * plot.width(), plot.top() + fy * plot.height())));
    };
    QTest::mousePress(panel->viewport(), Qt::LeftButton, Qt::NoModifier, viewportAt(0.13, 0.21));
    QMouseEvent move(QEvent::MouseMove, viewportAt(0.77, 0.83), panel->viewport()->mapToGlobal(viewportAt(0.77, 0.83)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(panel->viewport(), &move);
    QTest::mouseRelease(panel->viewport(), Qt::LeftButton, Qt::NoModifier, viewportAt(0.77, 0.83));
    QVERIFY(chart->isZoomed());
    for (Qt::Orientation o : {Qt::Horizontal, Qt::Vertical}) QVERIFY2(tickRuleBroken(valueAxis(chart, o)).isEmpty(), qPrintable(tickRuleBroken(valueAxis(chart, o))));

    // A colour bar over epochs 0 to 1 still ticks at integers.
    charts::ColorBarItem bar;
    bar.setIntegerTicks(true);
    for (auto [lo, hi] : {std::pair{0.0, 1.0}, {0.0, 2.0}, {0.0, 3.0}, {1.0, 7.0}, {0.0, 5.0}}) {
      bar.setRange(lo, hi, false);
      const std::vector<double> ticks = bar.ticks();
      QVERIFY(ticks.size() >= 2);
      for (double tick : ticks) QVERIFY2(tick == std::round(tick), qPrintable(QStringLiteral("%1 on [%2, %3]").arg(tick).arg(lo).arg(hi)));
    }

    // The calibration chart: the curve ends at 2.21 nats, the axes still end on nice ticks.
    miwb::CalibrationRequest request;
    request.estimatorId = "ksg";
    request.n = 500;
    request.dx = request.dy = 1;
    request.estimate = 0.93;
    miwb::CalibrationResult result;
    result.family = "gaussian";
    for (double t : {0.0, 0.5, 1.0, 1.5, 2.21}) result.curve.push_back({t, 0.8 * t, 0.05, 0.8 * t, 0.1, 6});
    result.readBack = miwb::numerics::readBack(result.curve, request.estimate);
    charts::CalibrationChart calibration(&result, &request);
    for (Qt::Orientation o : {Qt::Horizontal, Qt::Vertical})
      QVERIFY2(tickRuleBroken(valueAxis(&calibration, o)).isEmpty(), qPrintable(tickRuleBroken(valueAxis(&calibration, o))));
  }

  // Problem 8: the numbers the README quotes about the example planes are the ones
  // scripts/make-figures.sh computed from its runs (docs/figures/plane-numbers.md), which drew the
  // figures beside them; the paragraph between the markers is written by that script.
  void problem8_readmeNumbersComeFromTheFiguresScript() {
    QFile readme(QStringLiteral(MIWB_SOURCE_DIR "/README.md")), table(QStringLiteral(MIWB_SOURCE_DIR "/docs/figures/plane-numbers.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly) && table.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll()), numbers = QString::fromUtf8(table.readAll());
    const qsizetype begin = text.indexOf("<!-- plane-numbers:begin -->"), end = text.indexOf("<!-- plane-numbers:end -->");
    QVERIFY(begin >= 0 && end > begin);
    const QString paragraph = text.mid(begin, end - begin);
    int quoted = 0;
    const QRegularExpression decimal("\\b\\d+\\.\\d\\d\\b");
    for (auto it = decimal.globalMatch(paragraph); it.hasNext(); ++quoted) {
      const QString value = it.next().captured();
      QVERIFY2(numbers.contains("| " + value + " "), qPrintable(value + " is quoted but not in plane-numbers.md"));
    }
    QVERIFY2(quoted >= 12, qPrintable(paragraph));  // first, peak, last of two layers, two estimators, two planes
    // No plane number outside the generated paragraph: the old hand-written "9.0 to 6.4 bits".
    const QString section = text.mid(text.indexOf("## The information plane"), begin - text.indexOf("## The information plane"));
    QVERIFY2(!QRegularExpression("\\d\\.\\d+ to \\d\\.\\d+ bits").match(section).hasMatch(), qPrintable(section));
  }

  // Problem 9: the smaller ones.
  void problem9_threadsDefaultToAllCores() {
    auto window = newWindow(temp_.filePath("threads-runs"));
    QSpinBox* threads = threadsBox(*window);
    QCOMPARE(threads->value(), 0);
    QCOMPARE(threads->text(), QString("all cores"));
    QCOMPARE(window->experimentPanel()->threads(), 0);
    QCOMPARE(RunController::threadsFor(0), std::max(1, QThread::idealThreadCount()));
    QCOMPARE(RunController::threadsFor(3), 3);
  }

  void problem9_exportDialogShowsTheSizeItWrites() {
    PlaneView view;
    view.reset({"bins"});
    view.addRows(planeRows({"layer1", "layer2"}, {1, 10, 100}));
    ExportDialog dialog(view.figure(), nullptr);
    dialog.presetBox()->setCurrentIndex(dialog.presetBox()->findData("double-column"));
    charts::ExportOptions options = dialog.options();
    const QSizeF inches = charts::printedInches(view.figure(), options);
    auto* width = dialog.findChild<QSpinBox*>("width");
    auto* height = dialog.findChild<QSpinBox*>("height");
    QVERIFY(width && height);
    QCOMPARE(width->value(), qRound(inches.width() * options.dpi));
    QCOMPARE(height->value(), qRound(inches.height() * options.dpi));
  }

  void problem9_messagesSayWhatHappened() {
    auto window = newWindow(temp_.filePath("messages-runs"));
    // An unreadable store: no "press Run" for it.
    const QString broken = temp_.filePath("broken.npz");
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a zip archive");
    file.close();
    window->logPanel()->clear();
    window->openActivations(broken);
    QTRY_VERIFY(window->experimentPanel()->storeSummary()->text().startsWith("Cannot use this store"));
    QVERIFY2(!window->logPanel()->toPlainText().contains("press Run"), qPrintable(window->logPanel()->toPlainText()));
    // A run cancelled before its first task does not report "0 tasks, 0 ran".
    window->openExperiment(QStringLiteral(MIWB_SOURCE_DIR "/resources/examples/tanh-plane.json"));
    QSignalSpy finished(window.get(), &MainWindow::runFinished);
    QVERIFY(window->startRun());
    window->cancelRun();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QVERIFY2(!window->logPanel()->toPlainText().contains("0 tasks, 0 ran"), qPrintable(window->logPanel()->toPlainText()));
    // An epoch the store lacks: the run's error names the store's file, the epoch and what it has.
    {
      const QString path = store("order.npz", {});
      Json doc = storePlane(path, kBinning);
      doc["grid"]["epochs"] = Json::array({2, 99});
      miwb::Experiment experiment;
      QVERIFY(miwb::Experiment::fromJson(doc, experiment));
      QVERIFY(experiment.resolve(registry_));
      miwb::RunOptions options;
      options.outDir = temp_.filePath("missing-epoch");
      miwb::RunSummary summary;
      const miwb::Status s = miwb::ExperimentRunner(registry_, experiment).run(options, {}, summary);
      QVERIFY(!s);
      const QString message = QString::fromStdString(s.message());
      QVERIFY2(message.contains(path) && message.contains("no epoch 99") && message.contains("it has epochs 1, 2, 3"),
               qPrintable(message));
    }
    // Help leads to the documentation.
    bool docs = false;
    for (QAction* menu : window->menuBar()->actions())
      if (menu->text().contains("Help"))
        for (QAction* action : menu->menu()->actions()) docs = docs || action->text().contains("Documentation");
    QVERIFY(docs);
  }

  // Not a journey: scripts/make-figures.sh draws the docs' screenshots with it (skipped unless
  // MIWB_SCREENSHOT_RUN names a run folder): that folder opened in the window at 1920 x 1080 and
  // 1280 x 800, saved into MIWB_SCREENSHOT_DIR.
  void screenshots() {
    const QString run = qEnvironmentVariable("MIWB_SCREENSHOT_RUN"), out = qEnvironmentVariable("MIWB_SCREENSHOT_DIR");
    if (run.isEmpty() || out.isEmpty()) QSKIP("MIWB_SCREENSHOT_RUN and MIWB_SCREENSHOT_DIR are not set");
    QSettings().remove("window");  // the first-start layout, not the state earlier test windows left
    for (const auto& [size, name] : {std::pair{QSize(1920, 1080), QString("screenshot.png")},
                                     std::pair{QSize(1280, 800), QString("screenshot-1280x800.png")}}) {
      auto window = newWindow(temp_.filePath("screenshot-runs"), size);
      QVERIFY(QTest::qWaitForWindowExposed(window.get()));
      QVERIFY(window->openResults(run));
      QCOMPARE(window->views()->currentWidget(), static_cast<QWidget*>(window->planeView()));
      // The form's width at a first start on a screen of this size (not the offscreen 800 x 600).
      window->resizeDocks({window->findChild<QDockWidget*>("experimentDock")}, {400}, Qt::Horizontal);
      QTest::qWait(800);  // the views redraw on a short timer
      QCOMPARE(window->size(), size);
      QVERIFY(window->grab().save(QDir(out).filePath(name), "PNG"));
    }
  }
};

QTEST_MAIN(TestJourneys)
#include "test_journeys.moc"
