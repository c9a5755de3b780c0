// File > Open results… and Send to SLURM, driven offscreen: the window follows a run folder while
// a thread appends journal lines (one of them in two pieces) and while a miwb-cli shard writes it;
// a merge that rewrites results.jsonl adds no duplicates; the Jobs panel shows each shard's
// progress; the SLURM dialog shows the scripts, and Submit (a stand-in sbatch) follows the folder.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <thread>

#include "experiment/experiment_panel.h"
#include "run/jobs_panel.h"
#include "window/log_panel.h"
#include "window/main_window.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/experiment_runner.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/run_folder.h"
#include "miwb/host/cluster/shard.h"
#include "views/results_table_model.h"
#include "cluster/run_folder_follower.h"
#include "views/scaling_view.h"
#include "cluster/slurm_dialog.h"
#include "views/table_view.h"

using namespace miwb;
using namespace miwb::gui;

namespace {

constexpr int kTimeoutMs = 60000;

Json scalingDoc() {
  return {{"schema", "miwb.experiment/1"}, {"name", "followed"}, {"kind", "scaling"}, {"seed", 5},
          {"dataset", {{"id", "gaussian"}, {"params", {{"dim", 1}, {"rho", 0.6}}}}},
          {"estimators", {{{"id", "gaussian"}, {"label", "gauss"}}, {{"id", "ksg"}, {"params", {{"k", 3}}}}}},
          {"grid", {{"n", {100, 300}}, {"repeats", 4}}}};
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

int tableRows(MainWindow& w) { return w.tableView()->model()->rowCount(); }

QList<JobRow*> jobRows(MainWindow& w) { return w.jobsPanel()->findChildren<JobRow*>(); }

}  // namespace

class TestGuiCluster : public QObject {
  Q_OBJECT

  PluginRegistry registry_;
  QTemporaryDir temp_;
  Experiment experiment_;
  std::vector<ResultRow> rows_;  // a finished run of scalingDoc(), in expansion order

  std::unique_ptr<MainWindow> newWindow() {
    auto window = std::make_unique<MainWindow>(registry_);
    window->resize(1400, 900);
    window->experimentPanel()->setOutputFolder(temp_.filePath("runs"));
    window->show();
    return window;
  }

  // A run folder as a cluster run leaves it before any shard has written: experiment and task list.
  QString emptyRunFolder(const QString& name) {
    const QString dir = temp_.filePath(name);
    QDir().mkpath(dir);
    QFile::copy(temp_.filePath("reference/experiment.json"), dir + "/experiment.json");
    QFile::copy(temp_.filePath("reference/tasks.json"), dir + "/tasks.json");
    return dir;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("miwb-test");
    registry_.scan(PluginRegistry::defaultSearchPath());
    QVERIFY(Experiment::fromJson(scalingDoc(), experiment_).isOk());
    QVERIFY(experiment_.resolve(registry_).isOk());
    writeFile(temp_.filePath("followed.json"), QByteArray::fromStdString(scalingDoc().dump()));
    RunOptions options;
    options.outDir = temp_.filePath("reference");
    options.threads = 2;
    RunSummary summary;
    QVERIFY(ExperimentRunner(registry_, experiment_).run(options, {}, summary).isOk());
    rows_ = summary.table;
    QCOMPARE(int(rows_.size()), 16);
  }

  // Another thread writes the shards' journals while the window follows: a journal that appears
  // later, and a line written in two pieces (shown once complete, never as a broken row).
  void followsJournalsAsAnotherThreadWritesThem() {
    const QString dir = emptyRunFolder("threaded");
    auto window = newWindow();
    QVERIFY(window->openResults(dir, 2));
    QCOMPARE(tableRows(*window), 0);
    QCOMPARE(jobRows(*window).size(), 2);

    std::atomic<bool> halfWritten{false}, release{false};
    std::thread writer([&] {
      std::map<int, std::unique_ptr<QFile>> journals;
      for (std::size_t i = 0; i < rows_.size(); ++i) {
        const int shard = shardOf(rows_[i].task, rows_[i].quantity, 2);
        auto& file = journals[shard];
        if (!file) {
          file = std::make_unique<QFile>(dir + "/" + journalFileName(ShardSpec{shard, 2}));
          file->open(QIODevice::WriteOnly | QIODevice::Append);
        }
        const QByteArray line = QByteArray::fromStdString(rows_[i].toJson().dump()) + "\n";
        if (i == 5) {  // half a line, flushed, then the rest once the window has looked
          file->write(line.left(line.size() / 2));
          file->flush();
          halfWritten = true;
          while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
          file->write(line.mid(line.size() / 2));
        } else {
          file->write(line);
        }
        file->flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    QTRY_VERIFY_WITH_TIMEOUT(halfWritten.load(), kTimeoutMs);
    QTest::qWait(200);  // the watcher reports the half line; no row may come of it
    QCOMPARE(tableRows(*window), 5);
    release = true;
    QTRY_COMPARE_WITH_TIMEOUT(tableRows(*window), int(rows_.size()), kTimeoutMs);
    writer.join();
    // The views got the rows too, and each shard's job row is complete.
    QVERIFY(!window->scalingView()->data().empty());
    for (JobRow* row : jobRows(*window)) QVERIFY2(row->statusText().startsWith("done"), qPrintable(row->statusText()));
    // A merge rewrites results.jsonl by a rename: the same rows, nothing twice.
    QVERIFY(writeJournal(rows_, dir).isOk());
    QTest::qWait(300);
    QCOMPARE(tableRows(*window), int(rows_.size()));
  }

  // A miwb-cli shard process writes the folder the window follows.
  void followsAShardProcess() {
    const QString dir = temp_.filePath("process");
    auto window = newWindow();
    QProcess shard;
    shard.start(QCoreApplication::applicationDirPath() + "/miwb-cli",
                {"run", temp_.filePath("followed.json"), "--out", dir, "--shard", "1/2", "--threads", "1"});
    QVERIFY(shard.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(dir + "/experiment.json"), kTimeoutMs);
    QVERIFY(window->openResults(dir));
    // waitForFinished is false for a process that has already finished (a fast shard may have).
    QVERIFY(shard.state() == QProcess::NotRunning || shard.waitForFinished(kTimeoutMs));
    QCOMPARE(shard.exitStatus(), QProcess::NormalExit);
    QCOMPARE(shard.exitCode(), 0);
    int mine = 0;
    for (const auto& row : rows_) mine += shardOf(row.task, row.quantity, 2) == 1;
    QTRY_COMPARE_WITH_TIMEOUT(tableRows(*window), mine, kTimeoutMs);
    // Shard 0 never ran: its job row waits at 0 of its tasks.
    const auto progress = window->follower()->progress();
    QCOMPARE(int(progress.size()), 2);
    QCOMPARE(progress[1].done, mine);
    QCOMPARE(progress[0].done, 0);
    QCOMPARE(progress[0].total + progress[1].total, int(rows_.size()));
  }

  void opensAFinishedRun() {
    auto window = newWindow();
    QVERIFY(window->openResults(temp_.filePath("reference")));
    QCOMPARE(tableRows(*window), int(rows_.size()));
    QCOMPARE(window->experimentPanel()->experiment()["name"].get<std::string>(), std::string("followed"));
    window->hide();  // a visible window answers a bad folder with a message box as well
    QVERIFY(!window->openResults(temp_.filePath("nowhere")));
    QDir().mkpath(temp_.filePath("not-a-run"));
    QVERIFY(!window->openResults(temp_.filePath("not-a-run")));
    QVERIFY(window->logPanel()->toPlainText().contains("no experiment.json, so this is not a run folder"));
  }

  void slurmDialogShowsTheScripts() {
    SlurmRequest base;
    base.cli = "/opt/miwb/bin/miwb-cli";
    base.outDir = "/scratch/run";
    base.workDir = "/home/lab";
    base.experiment = "/scratch/run/slurm/experiment.json";
    base.name = "followed";
    base.shards = 4;
    SlurmDialog dialog(base, QString());
    dialog.shardsBox()->setValue(3);
    dialog.partitionEdit()->setText("gpu");
    dialog.timeEdit()->setText("00:30:00");
    const QString text = dialog.preview()->toPlainText();
    for (const char* line : {"#SBATCH --array=0-2\n", "#SBATCH --partition=gpu\n", "#SBATCH --time=00:30:00\n",
                             "--shard \"${SLURM_ARRAY_TASK_ID}/3\"", "/opt/miwb/bin/miwb-cli merge /scratch/run\n"})
      QVERIFY2(text.contains(line), line);
    QVERIFY(dialog.submitButton()->isEnabled());
    SlurmDialog missing(base, "sbatch is not on PATH: SLURM is not installed here");
    QVERIFY(!missing.submitButton()->isEnabled());
  }

  // Submit with a stand-in sbatch: the scripts land in the folder, and the window follows it with
  // one job row per shard.
  void submitFollowsTheFolder() {
    const QString bin = temp_.filePath("fake-bin");
    QDir().mkpath(bin);
    writeFile(bin + "/sbatch", "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/calls\"\n"
                               "n=$(wc -l < \"$(dirname \"$0\")/calls\")\necho $((4240 + n))\n");
    QFile::setPermissions(bin + "/sbatch", QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", bin.toUtf8() + ":" + path);
    auto window = newWindow();
    window->experimentPanel()->setExperiment(scalingDoc());
    QVERIFY(window->experimentPanel()->slurmButton()->isEnabled());
    SlurmRequest request;
    request.cli = QCoreApplication::applicationDirPath() + "/miwb-cli";
    request.outDir = temp_.filePath("submitted");
    request.workDir = temp_.path();
    request.name = "followed";
    request.shards = 3;
    request.partition = "debug";
    QVERIFY(window->submitToSlurm(request));
    QTRY_VERIFY_WITH_TIMEOUT(window->follower() && window->follower()->folder() == request.outDir, kTimeoutMs);
    qputenv("PATH", path);
    QCOMPARE(jobRows(*window).size(), 3);
    QFile calls(bin + "/calls");
    QVERIFY(calls.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(calls.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], "--parsable " + request.outDir + "/slurm/shards.sbatch");
    QCOMPARE(lines[1], "--parsable --dependency=afterany:4241 " + request.outDir + "/slurm/merge.sbatch");
    QVERIFY(window->logPanel()->toPlainText().contains("shards job 4241 (3 array tasks), merge job 4242"));
    QFile shards(request.outDir + "/slurm/shards.sbatch");
    QVERIFY(shards.open(QIODevice::ReadOnly));
    QVERIFY(shards.readAll().contains("#SBATCH --partition=debug\n"));
  }
};

QTEST_MAIN(TestGuiCluster)
#include "test_gui_cluster.moc"
