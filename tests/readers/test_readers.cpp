// Regression fixtures for the file readers: every file in tests/readers/fixtures/ is a past
// finding. Each must give the answer listed here (an error naming the file and the problem, or a
// correct result), and every file in the folder must be listed, so a new finding cannot be added
// without saying what it should do.
#include <QDir>
#include <QDirIterator>
#include <QTest>
#include <map>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/io/variable_file.h"
#include "miwb/memory_limit.h"
#include "miwb/stores/activation_store.h"

using namespace miwb;

namespace {

const QString kFixtures = QStringLiteral(MIWB_SOURCE_DIR "/tests/readers/fixtures/");

// Fixture (relative path) -> what reading it must say: the start of the error message after the
// file name, or "ok" when it must read cleanly.
const std::map<QString, QString> kExpected = {
    // A uint64 label of 2^64 - 1 was converted to int64 (undefined behaviour).
    {"npy/uint64_label_past_int64.npy", "label 2 is too large (at least 2^63)"},
    // A header padded with 120 kB of spaces overflowed the stack in std::regex (a crash).
    {"npy/shape_padded_120k.npy", ".npy header of 120116 bytes is longer than the 10000 numpy itself accepts"},
    {"npz/x_header_padded_120k.npz", "member 'x' has an implausibly long .npy header"},
    // fuzz_npy: a version-2 header length of 0xffffffff wrapped to 11 in 32 bits, and the dict's
    // length (11 - 12) became 2^64 - 1 (std::length_error, a crash).
    {"npy/v2_header_length_wraps.npy", ".npy header of 4294967295 bytes is longer than the 10000 numpy itself accepts"},
    // A soft link from act/again back to act: the group walk recursed until the stack overflowed.
    // The walk now stops at a depth no store needs, and the store says what it lacks.
    {"hdf5/soft_link_cycle.h5", "member 'y' is missing"},
    // 'x' of shape (3298534883334, 0): no values, so no size check refused it, and the inputs'
    // row symbols asked for 26 TB (found by fuzz_hdf5 in its 12 s of a CI run).
    {"hdf5/x_without_columns.h5",
     "member 'x' must be an (N, D) or (N, ...) array with N >= 1 and D >= 1, got a float64 array of shape (3298534883334, 0)"},
    // Huge n and repeats written as floats were cast to integers (undefined behaviour).
    {"experiment/n_1e300.json", "field 'grid.n[0]' must be a positive integer, got a number"},
    {"experiment/repeats_1e12.json", "field 'grid.repeats' must be a positive integer, got a number"},
    // n = 2^63 - 1 went through a double and back (undefined): read as the integer it is.
    {"experiment/n_int64_max.json", "ok"},
};

QString readFixture(const QString& relative, PluginRegistry& registry) {
  const QString path = kFixtures + relative;
  const QString kind = relative.section('/', 0, 0);
  Status status;
  if (kind == "npy" || kind == "csv") {
    Variable v;
    status = readVariableFile(path, v);
  } else if (kind == "npz" || kind == "hdf5") {
    std::unique_ptr<ActivationStore> store;
    status = openActivationStoreFile(path, store);
    for (int l = 0; status.isOk() && l < int(store->layers().size()); ++l)
      for (int e = 0; status.isOk() && e < int(store->epochs().size()); ++e) {
        Matrix slice;
        status = store->activation(l, e, slice);
      }
  } else if (kind == "experiment") {
    Json doc;
    status = readJsonFile(path.toStdString(), doc);
    Experiment experiment;
    if (status.isOk()) status = Experiment::fromJson(doc, experiment);
    if (status.isOk()) status = experiment.resolve(registry);
  } else {
    return "no reader for the folder '" + kind + "'";
  }
  if (status.isOk()) return "ok";
  QString message = QString::fromStdString(status.message());
  if (message.startsWith(path + ": ")) message = message.mid(path.size() + 2);
  return message;
}

}  // namespace

class ReadersTest : public QObject {
  Q_OBJECT

  PluginRegistry registry;

 private Q_SLOTS:
  void initTestCase() {
    registry.scan(PluginRegistry::defaultSearchPath(), PluginLoading::OnDemand);
    setMemoryLimitBytes(std::uint64_t(64) << 20);  // as the fuzz harnesses run
  }
  void cleanupTestCase() { setMemoryLimitBytes(0); }

  void everyFixtureIsListed() {
    QDirIterator it(kFixtures, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
      const QString relative = QDir(kFixtures).relativeFilePath(it.next());
      QVERIFY2(kExpected.count(relative), qPrintable(relative + " has no expected answer in test_readers.cpp"));
      ++files;
    }
    QCOMPARE(files, int(kExpected.size()));
  }

  void fixturesGiveTheirAnswer_data() {
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("expected");
    for (const auto& [fixture, expected] : kExpected) QTest::newRow(qPrintable(fixture)) << fixture << expected;
  }
  void fixturesGiveTheirAnswer() {
    QFETCH(QString, fixture);
    QFETCH(QString, expected);
    const QString got = readFixture(fixture, registry);
    QVERIFY2(expected == "ok" ? got == "ok" : got.startsWith(expected), qPrintable(fixture + ": " + got));
    QVERIFY(!got.contains('\n'));
  }
};

QTEST_GUILESS_MAIN(ReadersTest)
#include "test_readers.moc"
