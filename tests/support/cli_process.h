#pragma once
// Runs the built miwb-cli the way scripts do (tests of the command-line contract), and writes
// input files for it.
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTest>

namespace miwb::test {

struct CliResult {
  int code = -1;
  QString out, err;
};

// `pluginPath`, when set, replaces the plugin search path (MIWB_PLUGIN_PATH).
inline CliResult runCli(const QStringList& args, const QString& pluginPath = {},
                        QProcessEnvironment env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 300000) {
  QProcess p;
  if (!pluginPath.isEmpty()) env.insert("MIWB_PLUGIN_PATH", pluginPath);
  p.setProcessEnvironment(env);
  p.start(QCoreApplication::applicationDirPath() + "/miwb-cli", args);
  p.waitForFinished(timeoutMs);
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

inline void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable("cannot write " + path));
  QCOMPARE(f.write(bytes), bytes.size());
}

// The rows of a results.csv with the "seconds" column (the 15th) left out: two runs of the same
// tasks agree on everything but their timings.
inline QStringList csvRowsWithoutSeconds(const QString& file) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return {"cannot read " + file};
  QStringList rows;
  for (const QByteArray& line : f.readAll().split('\n')) {
    QStringList cols = QString::fromUtf8(line).split(',');
    if (cols.size() > 14) cols.removeAt(14);
    rows << cols.join(',');
  }
  return rows;
}

}  // namespace miwb::test
