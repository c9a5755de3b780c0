// The programs' --version and --help as users and packagers rely on them: one project version,
// help without a display, every command's options listed from the parser that parses them, and
// man pages (generated at build time) that list the same options.
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "miwb/sdk.h"
#include "support/cli_process.h"

using miwb::test::runCli;

namespace {

// An environment without any display, as on a cluster node or in a package build.
QProcessEnvironment noDisplay() {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(name);
  return env;
}

miwb::test::CliResult runGui(const QStringList& args) {
  QProcess p;
  p.setProcessEnvironment(noDisplay());
  p.start(QCoreApplication::applicationDirPath() + "/miwb", args);
  p.waitForFinished(60000);
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// The option names a Qt help text lists ("  -e, --estimator <ID>   ..." -> "-e", "--estimator").
QStringList optionNames(const QString& help) {
  QStringList names;
  static const QRegularExpression entry(QStringLiteral("^  (-[^\\s,]+(?:, -[^\\s,]+)?)"), QRegularExpression::MultilineOption);
  for (auto it = entry.globalMatch(help); it.hasNext();)
    for (const QString& name : it.next().captured(1).split(QStringLiteral(", "))) names << name;
  return names;
}

QString manPage(const QString& name) {
  QProcess gunzip;
  gunzip.start("gzip", {"-dc", QStringLiteral(MIWB_BINARY_DIR "/man/") + name + ".1.gz"});
  gunzip.waitForFinished();
  return QString::fromUtf8(gunzip.readAllStandardOutput());
}

const QStringList kCommands{"plugins", "estimate", "sample", "run", "merge", "calibrate", "slurm", "screen"};

}  // namespace

class TestHelp : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void versionIsTheProjectVersion() {
    for (const QString& option : {"--version", "-v"}) {
      const auto cli = runCli({option});
      QCOMPARE(cli.code, 0);
      QCOMPARE(cli.out, QStringLiteral("miwb-cli " MIWB_SDK_VERSION_STRING "\n"));
      const auto gui = runGui({option});
      QCOMPARE(gui.code, 0);
      QCOMPARE(gui.out, QStringLiteral("miwb " MIWB_SDK_VERSION_STRING "\n"));
    }
  }

  void windowHelpNeedsNoDisplay() {
    const auto r = runGui({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith("Usage: miwb [options] [file]\n"), qPrintable(r.out));
    QVERIFY(optionNames(r.out).contains("--run"));
    QVERIFY(r.out.contains("--version"));
    // Without a display and without --help the window still says why it cannot open.
    const auto none = runGui({});
    QCOMPARE(none.code, 3);
    QVERIFY2(none.err.contains("no display"), qPrintable(none.err));
  }

  void programHelpListsEveryCommand() {
    const auto r = runCli({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith("Usage: miwb-cli COMMAND [options]\n"), qPrintable(r.out));
    for (const QString& command : kCommands)
      QVERIFY2(r.out.contains(QRegularExpression("\n  " + command + " +\\S")), qPrintable(command));
    // Bare miwb-cli is a usage error with the same help on stderr.
    const auto bare = runCli({});
    QCOMPARE(bare.code, 2);
    QVERIFY(bare.err.startsWith("Usage: miwb-cli COMMAND"));
    const auto bogus = runCli({"--estimate"});
    QCOMPARE(bogus.code, 2);
    QVERIFY2(bogus.err.startsWith("error: unknown option '--estimate'"), qPrintable(bogus.err));
    const auto unknown = runCli({"estimat"});
    QCOMPARE(unknown.code, 2);
    QVERIFY2(unknown.err.contains("unknown command 'estimat'"), qPrintable(unknown.err));
  }

  void commandHelpListsItsOptions_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("plugins") << "plugins" << QStringList{"--json"};
    QTest::newRow("estimate") << "estimate"
                              << QStringList{"-e", "--estimator", "-p", "--param", "-x", "-y", "--threads", "--seed",
                                             "--level", "--json", "--resamples"};
    QTest::newRow("sample") << "sample" << QStringList{"-d", "--dataset", "-p", "-n", "--seed", "--out"};
    QTest::newRow("run") << "run"
                         << QStringList{"--out", "--threads", "--figures", "--max-memory", "--task-time-limit", "--shard",
                                        "--dry-run"};
    QTest::newRow("merge") << "merge" << QStringList{"--figures", "--partial"};
    QTest::newRow("calibrate") << "calibrate" << QStringList{"-e", "--family", "--repeats", "--figures", "--out", "--json"};
    QTest::newRow("slurm") << "slurm"
                           << QStringList{"--out", "--shards", "--figures", "--partition", "--time", "--mem", "--account",
                                          "--wait", "--dry-run"};
    QTest::newRow("screen") << "screen" << QStringList{"-x", "-y", "-e", "--top", "--permutations", "--fdr", "--out"};
  }
  void commandHelpListsItsOptions() {
    QFETCH(QString, command);
    QFETCH(QStringList, options);
    // Help comes before the checks of required options and arguments.
    const auto r = runCli({command, "--help"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith("Usage: miwb-cli " + command + " "), qPrintable(r.out));
    const QStringList listed = optionNames(r.out);
    for (const QString& option : options) QVERIFY2(listed.contains(option), qPrintable(option + " in\n" + r.out));
    QVERIFY(listed.contains("--help"));
    QCOMPARE(runCli({command, "-h"}).out, r.out);
  }

  // slurm parses by hand (its unknown options go to sbatch) from the table its help is drawn from.
  void slurmFlagsTakeNoValue() {
    const auto r = runCli({"slurm", "x.json", "--out", "d", "--shards", "2", "--wait=yes"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("option --wait takes no value"), qPrintable(r.err));
    const auto missing = runCli({"slurm", "x.json", "--out", "d"});
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains("slurm needs --shards K"), qPrintable(missing.err));
  }

  // The man pages are written from the same help: every option of every command is in them.
  void manPagesListEveryOption() {
    const QString cliPage = manPage("miwb-cli");
    QVERIFY2(cliPage.startsWith(".TH MIWB-CLI 1 "), qPrintable(cliPage.left(200)));
    QVERIFY(cliPage.contains("\"miwb-cli " MIWB_SDK_VERSION_STRING "\""));
    for (const QString& command : kCommands) {
      QVERIFY2(cliPage.contains(".SS \"miwb\\-cli " + command + " "), qPrintable(command));
      const QString help = runCli({command, "--help"}).out;
      for (QString option : optionNames(help)) {
        if (option == "-h" || option == "--help" || option == "--help-all") continue;  // once, in OPTIONS
        option.replace("-", "\\-");
        QVERIFY2(cliPage.contains("\\fB" + option + "\\fR"), qPrintable(command + " " + option));
      }
    }
    const QString guiPage = manPage("miwb");
    QVERIFY2(guiPage.startsWith(".TH MIWB 1 "), qPrintable(guiPage.left(200)));
    for (const QString& option : optionNames(runGui({"--help"}).out))
      QVERIFY2(guiPage.contains("\\fB" + QString(option).replace("-", "\\-") + "\\fR"), qPrintable(option));
  }
};

QTEST_GUILESS_MAIN(TestHelp)
#include "test_help.moc"
