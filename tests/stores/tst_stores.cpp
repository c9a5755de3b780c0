// Activation stores in every file form, the activations and ib12bit dataset plugins, and the
// ib12bit loader. The good fixtures (tests/stores/make_fixtures.py) hold one logical store; the
// numbers are compared exactly with the generator's JSON: every value is a multiple of 1/8, exact
// in float32 and float64, so any conversion or slicing error shows as a mismatch, not a rounding.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <tbb/parallel_for.h>

#include "miwb/data/ib12bit.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/stores/activation_store.h"

using miwb::Index;
using miwb::Matrix;

namespace {

QString fixture(const QString& name) { return QStringLiteral(MIWB_SOURCE_DIR "/tests/stores/fixtures/") + name; }

miwb::Json expectedContent() {
  std::ifstream in(fixture("expected.json").toStdString());
  return miwb::Json::parse(in);
}

Matrix toMatrix(const miwb::Json& rows) {
  Matrix m(static_cast<Index>(rows.size()), static_cast<Index>(rows.at(0).size()));
  for (Index i = 0; i < m.rows(); ++i)
    for (Index j = 0; j < m.cols(); ++j) m(i, j) = rows.at(static_cast<std::size_t>(i)).at(static_cast<std::size_t>(j)).get<double>();
  return m;
}

std::string openError(const QString& path) {
  std::unique_ptr<miwb::ActivationStore> store;
  const miwb::Status s = miwb::openActivationStoreFile(path, store);
  if (!s) return s.message();
  // Some defects only show when a slice is read.
  Matrix slice;
  for (int l = 0; l < static_cast<int>(store->layers().size()); ++l)
    for (int e = 0; e < static_cast<int>(store->epochs().size()); ++e)
      if (const miwb::Status r = store->activation(l, e, slice); !r) return r.message();
  return {};
}

}  // namespace

class TestStores : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyFormReadsTheSameNumbers_data();
  void everyFormReadsTheSameNumbers();
  void slicesReadConcurrentlyAndOutOfOrder_data() { everyFormReadsTheSameNumbers_data(); }
  void slicesReadConcurrentlyAndOutOfOrder();
  void brokenStoresAreRejected_data();
  void brokenStoresAreRejected();
  void ndArraysReadAsTheirFlattenedCopies_data();
  void ndArraysReadAsTheirFlattenedCopies();
  void roundTripThroughNpz();
  void inMemoryCheckNamesTheProblem();
  void ib12bitData();
  void ib12bitSplit();
  void activationsPlugin();
  void ib12bitPlugin();

 private:
  miwb::PluginRegistry& registry() {
    if (registry_.records().empty()) registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    return registry_;
  }
  miwb::PluginRegistry registry_;
};

void TestStores::everyFormReadsTheSameNumbers_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<bool>("hasMask");
  QTest::newRow("savez stacked") << "stacked.npz" << true;
  QTest::newRow("savez_compressed stacked") << "stacked_compressed.npz" << true;
  QTest::newRow("savez per-epoch, one-hot y") << "per_epoch.npz" << false;
  QTest::newRow("savez_compressed per-epoch") << "per_epoch_compressed.npz" << false;
  QTest::newRow("npy folder stacked, Fortran x") << "stacked_folder" << true;
  QTest::newRow("npy folder per-epoch, layers.npy") << "per_epoch_folder" << false;
  QTest::newRow("h5py stacked, gzip chunks") << "stacked.h5" << true;
  QTest::newRow("h5py per-epoch groups") << "per_epoch.h5" << false;
}

void TestStores::everyFormReadsTheSameNumbers() {
  QFETCH(QString, file);
  QFETCH(bool, hasMask);
  const miwb::Json want = expectedContent();
  std::unique_ptr<miwb::ActivationStore> store;
  const miwb::Status s = miwb::openActivationStoreFile(fixture(file), store);
  QVERIFY2(s, s.message().c_str());

  QCOMPARE(store->layers(), want["layers"].get<std::vector<std::string>>());  // ["zeta", "alpha"]: not name order
  QCOMPARE(store->epochs(), want["epochs"].get<std::vector<int>>());
  const Matrix x = toMatrix(want["x"]);
  QCOMPARE(store->inputs().values().rows(), x.rows());
  QCOMPARE(store->inputs().values().cols(), x.cols());
  QVERIFY(store->inputs().values() == x);
  // Rows 1 and 4 are equal inputs: one symbol; all others distinct.
  const miwb::Labels& symbols = store->inputs().labels();
  QCOMPARE(symbols[1], symbols[4]);
  QCOMPARE(miwb::denseLabels(symbols).counts.size(), std::size_t{5});
  QCOMPARE(store->labels().labels(), want["y"].get<miwb::Labels>());
  if (hasMask) QCOMPARE(store->trainMask(), want["train_mask"].get<std::vector<bool>>());
  else QVERIFY(store->trainMask().empty());

  const auto layers = store->layers();
  for (int l = 0; l < static_cast<int>(layers.size()); ++l)
    for (int e = 0; e < 3; ++e) {
      Matrix slice;
      const miwb::Status r = store->activation(l, e, slice);
      QVERIFY2(r, r.message().c_str());
      const Matrix expected = toMatrix(want["act"][layers[static_cast<std::size_t>(l)]][static_cast<std::size_t>(e)]);
      QVERIFY2(slice == expected, (layers[static_cast<std::size_t>(l)] + " epoch index " + std::to_string(e)).c_str());
    }
  Matrix unused;
  QVERIFY(!store->activation(2, 0, unused));
  QVERIFY(!store->activation(0, 3, unused));
}

void TestStores::slicesReadConcurrentlyAndOutOfOrder() {
  QFETCH(QString, file);
  const miwb::Json want = expectedContent();
  std::unique_ptr<miwb::ActivationStore> store;
  QVERIFY(miwb::openActivationStoreFile(fixture(file), store));
  const auto layers = store->layers();
  // 60 reads of the 6 slices in a scrambled order from many threads: compressed members must
  // reopen when asked to go backwards, and handles must not be shared unguarded.
  std::vector<int> ok(60, 0);
  tbb::parallel_for(0, 60, [&](int k) {
    const int slot = (k * 7) % 6, l = slot % 2, e = 2 - slot / 2;
    Matrix slice;
    if (!store->activation(l, e, slice)) return;
    ok[static_cast<std::size_t>(k)] =
        slice == toMatrix(want["act"][layers[static_cast<std::size_t>(l)]][static_cast<std::size_t>(e)]) ? 1 : 0;
  });
  QCOMPARE(std::count(ok.begin(), ok.end(), 1), 60);
}

void TestStores::brokenStoresAreRejected_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QStringList>("mentions");  // each must appear in the message
  QTest::newRow("missing y") << "missing_y.npz" << QStringList{"missing_y.npz", "'y'", "missing"};
  QTest::newRow("N mismatch") << "n_mismatch.npz" << QStringList{"'act/alpha'", "5 samples", "'x' has 6 rows"};
  QTest::newRow("epochs length") << "epochs_mismatch.npz" << QStringList{"'act/zeta'", "stacks 3 epochs", "'epochs' lists 2"};
  QTest::newRow("bad dtype") << "bad_dtype.npz" << QStringList{"'act/alpha'", "unsupported dtype", "c8"};
  QTest::newRow("unknown layer") << "unknown_layer.npz" << QStringList{"'layers'", "'beta'"};
  QTest::newRow("object layers") << "object_layers.npz" << QStringList{"'layers'", "strings", "object"};
  QTest::newRow("missing epoch") << "missing_epoch.npz" << QStringList{"'act/alpha/10'", "missing", "epoch 10", "0, 5"};
  QTest::newRow("truncated member") << "truncated_member.npz" << QStringList{"'act/zeta'", "truncated", "float64 array of shape (3, 6, 2)"};
  QTest::newRow("corrupt zip") << "corrupt.npz" << QStringList{"corrupt.npz", "not a readable .npz (zip) archive"};
  QTest::newRow("corrupt deflate data") << "corrupt_member.npz" << QStringList{"'act/alpha'", "cannot be read"};
  QTest::newRow("truncated HDF5") << "truncated.h5" << QStringList{"truncated.h5", "HDF5"};
  QTest::newRow("48 TB slice") << "huge_slice.h5" << QStringList{"'act/alpha'", "TiB, more than this machine's"};
  QTest::newRow("not a store") << "expected.json" << QStringList{"expected.json", "not an activation store"};
  QTest::newRow("no such file") << "nothing.npz" << QStringList{"nothing.npz", "no such file"};
}

void TestStores::brokenStoresAreRejected() {
  QFETCH(QString, file);
  QFETCH(QStringList, mentions);
  const QString message = QString::fromStdString(openError(fixture(file)));
  QVERIFY2(!message.isEmpty(), "the broken store was accepted");
  qInfo("%s", qPrintable(message));
  for (const QString& m : mentions) QVERIFY2(message.contains(m), qPrintable("'" + m + "' not in: " + message));
  QVERIFY2(!message.contains('\n'), qPrintable(message));
}

void TestStores::ndArraysReadAsTheirFlattenedCopies_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("flat");
  QTest::newRow("savez (E, N, 2, 2, 3)") << "nd/stacked.npz" << "nd/flat.npz";
  QTest::newRow("savez_compressed per-epoch (N, 2, 2, 3)") << "nd/per_epoch_compressed.npz" << "nd/flat.npz";
  QTest::newRow("npy folder, Fortran order") << "nd/fortran_folder" << "nd/flat.npz";
  QTest::newRow("h5py, gzip chunks") << "nd/stacked.h5" << "nd/flat.npz";
  QTest::newRow("one epoch as (N, 2, 2, 3)") << "nd/single_epoch.npz" << "nd/single_epoch_flat.npz";
}

// Images and conv feature maps: x (N, ...) and activations (E, N, ...) or (N, ...) read flattened
// per sample in C order, exactly as numpy's reshape(N, -1) of the same arrays (tests/stores/
// make_nd_fixtures.py writes both).
void TestStores::ndArraysReadAsTheirFlattenedCopies() {
  QFETCH(QString, file);
  QFETCH(QString, flat);
  std::unique_ptr<miwb::ActivationStore> store, reference;
  miwb::Status s = miwb::openActivationStoreFile(fixture(flat), reference);
  QVERIFY2(s, s.message().c_str());
  s = miwb::openActivationStoreFile(fixture(file), store);
  QVERIFY2(s, s.message().c_str());
  QCOMPARE(store->layers(), reference->layers());
  QCOMPARE(store->epochs(), reference->epochs());
  QCOMPARE(store->inputs().values().cols(), Index{6});
  QVERIFY(store->inputs().values() == reference->inputs().values());
  QCOMPARE(store->inputs().labels(), reference->inputs().labels());
  QCOMPARE(store->labels().labels(), reference->labels().labels());
  const int layers = static_cast<int>(store->layers().size()), epochs = static_cast<int>(store->epochs().size());
  // Last epoch first: a compressed or Fortran-order member must start over to go back.
  for (int l = 0; l < layers; ++l)
    for (int e = epochs - 1; e >= 0; --e) {
      Matrix got, want;
      s = store->activation(l, e, got);
      QVERIFY2(s, s.message().c_str());
      QVERIFY(reference->activation(l, e, want));
      QCOMPARE(got.cols(), want.cols());
      QVERIFY2(got == want, qPrintable(QString("layer %1, epoch index %2").arg(l).arg(e)));
    }
  // Pinned from numpy (in eighths): X[2].reshape(-1) and CONV[1, 0].reshape(-1), epoch 4 of conv.
  Eigen::RowVectorXd x2(6), conv(12);
  x2 << 7, -8, 0, 5, -6, 5;
  conv << -15, 8, -1, -13, -8, 1, 7, 0, 4, 12, 6, -5;
  QVERIFY(store->inputs().values().row(2) == x2 / 8.0);
  Matrix slice;
  QVERIFY(store->activation(0, epochs - 1, slice));
  QVERIFY(slice.row(0) == conv / 8.0);
}

void TestStores::roundTripThroughNpz() {
  // Values that float32 or text would not carry: the writer must keep float64 bit for bit.
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal;
  const Index n = 40;
  Matrix x(n, 3);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
  miwb::Labels y(n);
  std::vector<bool> mask(n);
  for (Index i = 0; i < n; ++i) {
    y[static_cast<std::size_t>(i)] = i % 3 - 1;  // negative labels too
    mask[static_cast<std::size_t>(i)] = i % 4 != 0;
  }
  const std::vector<std::string> layers{"dense 2", "couche-\xC3\xA9", "out"};  // non-ASCII name: UCS-4 encoding
  const std::vector<int> epochs{0, 1, 7, 100};
  const std::vector<Index> units{5, 3, 1};
  std::vector<std::vector<Matrix>> acts(layers.size());
  for (std::size_t l = 0; l < layers.size(); ++l)
    for (std::size_t e = 0; e < epochs.size(); ++e) {
      Matrix m(n, units[l]);
      for (Index i = 0; i < m.size(); ++i) m.data()[i] = std::tanh(normal(rng)) * 1e-3 * static_cast<double>(e + 1);
      acts[l].push_back(m);
    }
  const miwb::InMemoryActivationStore memory(x, y, layers, epochs, mask, acts);
  QVERIFY(memory.check());

  QTemporaryDir dir;
  const QString path = dir.filePath("round trip.npz");
  const miwb::Status saved = miwb::saveActivationStoreNpz(memory, path);
  QVERIFY2(saved, saved.message().c_str());
  std::unique_ptr<miwb::ActivationStore> back;
  const miwb::Status opened = miwb::openActivationStoreFile(path, back);
  QVERIFY2(opened, opened.message().c_str());
  QCOMPARE(back->layers(), layers);
  QCOMPARE(back->epochs(), epochs);
  QVERIFY(back->inputs().values() == x);
  QCOMPARE(back->inputs().labels(), memory.inputs().labels());
  QCOMPARE(back->labels().labels(), y);
  QCOMPARE(back->trainMask(), mask);
  for (int l = 0; l < 3; ++l)
    for (int e = 0; e < 4; ++e) {
      Matrix slice;
      QVERIFY(back->activation(l, e, slice));
      QVERIFY(slice == acts[static_cast<std::size_t>(l)][static_cast<std::size_t>(e)]);
    }

  // A file store copies through the writer too (slice by slice), e.g. HDF5 -> .npz.
  std::unique_ptr<miwb::ActivationStore> h5;
  QVERIFY(miwb::openActivationStoreFile(fixture("per_epoch.h5"), h5));
  const QString copy = dir.filePath("copy.npz");
  QVERIFY(miwb::saveActivationStoreNpz(*h5, copy));
  std::unique_ptr<miwb::ActivationStore> copied;
  QVERIFY(miwb::openActivationStoreFile(copy, copied));
  QCOMPARE(copied->layers(), h5->layers());
  Matrix a, b;
  QVERIFY(h5->activation(1, 2, a) && copied->activation(1, 2, b));
  QVERIFY(a == b);

  // A slice of the wrong width is reported, naming the layer, and leaves no half-written file.
  acts[0][2] = Matrix::Zero(n, 4);
  const miwb::InMemoryActivationStore ragged(x, y, layers, epochs, mask, acts);
  const QString bad = dir.filePath("ragged.npz");
  const miwb::Status refused = miwb::saveActivationStoreNpz(ragged, bad);
  QVERIFY(!refused);
  QVERIFY2(QString::fromStdString(refused.message()).contains("'dense 2'"), refused.message().c_str());
  QVERIFY(!QFile::exists(bad));
}

void TestStores::inMemoryCheckNamesTheProblem() {
  const Matrix x = Matrix::Zero(4, 2);
  const miwb::InMemoryActivationStore store(x, {0, 1, 0, 1}, {"h"}, {0, 1}, {}, {{Matrix::Zero(4, 3), Matrix::Zero(3, 3)}});
  const miwb::Status s = store.check();
  QVERIFY(!s);
  QVERIFY2(QString::fromStdString(s.message()).contains("'h' at epoch 1 has 3 rows"), s.message().c_str());
}

void TestStores::ib12bitData() {
  Matrix x;
  miwb::Labels y;
  const miwb::Status s = miwb::loadIb12bit(x, y);
  QVERIFY2(s, s.message().c_str());
  QCOMPARE(x.rows(), Index{4096});
  QCOMPARE(x.cols(), Index{12});
  QCOMPARE(std::count(y.begin(), y.end(), 1), std::ptrdiff_t{2118});
  QCOMPARE(std::count(y.begin(), y.end(), 0), std::ptrdiff_t{4096 - 2118});
  for (Index i = 0; i < 4096; ++i) {
    int ones = 0;
    for (Index j = 0; j < 12; ++j) {
      const double bit = static_cast<double>((i >> (11 - j)) & 1);
      if (x(i, j) != bit) QFAIL(qPrintable(QString("row %1 bit %2").arg(i).arg(j)));
      ones += static_cast<int>(bit);
    }
    if (ones <= 4 && y[static_cast<std::size_t>(i)] != 0) QFAIL(qPrintable(QString("row %1 has %2 ones but label 1").arg(i).arg(ones)));
    if (ones >= 8 && y[static_cast<std::size_t>(i)] != 1) QFAIL(qPrintable(QString("row %1 has %2 ones but label 0").arg(i).arg(ones)));
  }
  QCOMPARE(x(5, 11), 1.0);  // 5 = ...0101, least significant bit last
  QCOMPARE(x(2048, 0), 1.0);
}

void TestStores::ib12bitSplit() {
  const auto ordered = miwb::ib12bitTrainMask(0.8, false, 0);
  QCOMPARE(std::count(ordered.begin(), ordered.end(), true), std::ptrdiff_t{3277});  // round(0.8 * 4096)
  QVERIFY(ordered[3276] && !ordered[3277]);
  const auto a = miwb::ib12bitTrainMask(0.8, true, 3), b = miwb::ib12bitTrainMask(0.8, true, 3),
             c = miwb::ib12bitTrainMask(0.8, true, 4);
  QCOMPARE(std::count(a.begin(), a.end(), true), std::ptrdiff_t{3277});
  QVERIFY(a == b);
  QVERIFY(a != c);
  QVERIFY(a != ordered);
}

void TestStores::activationsPlugin() {
  QVERIFY2(registry().dataset("activations"), "the activations dataset plugin did not load");
  miwb::RunContext ctx(1);
  std::unique_ptr<miwb::ActivationStore> store;
  const miwb::Status s = registry().openActivationStore("activations", {{"path", fixture("stacked_compressed.npz").toStdString()}}, ctx, store);
  QVERIFY2(s, s.message().c_str());
  QCOMPARE(store->layers().size(), std::size_t{2});

  const miwb::Status missing = registry().openActivationStore("activations", {{"path", fixture("missing_y.npz").toStdString()}}, ctx, store);
  QVERIFY(!missing);
  QVERIFY2(QString::fromStdString(missing.message()).contains("'y'"), missing.message().c_str());
  const miwb::Status empty = registry().openActivationStore("activations", miwb::Json::object(), ctx, store);
  QVERIFY(!empty);
  QVERIFY2(QString::fromStdString(empty.message()).contains("'path'"), empty.message().c_str());
}

void TestStores::ib12bitPlugin() {
  QVERIFY2(registry().dataset("ib12bit"), "the ib12bit dataset plugin did not load");
  std::unique_ptr<miwb::PairSource> all;
  QVERIFY(registry().createPairSource("ib12bit", miwb::Json::object(), all));
  QCOMPARE(all->maxSamples().value_or(0), Index{4096});
  // Y is a function of X: I(X;Y) = H(Y) = H(2118/4096) = 0.69266... nats (binary entropy, by hand).
  const double p = 2118.0 / 4096.0;
  QCOMPARE(all->trueMutualInformation().value_or(-1), -p * std::log(p) - (1 - p) * std::log(1 - p));

  miwb::RunContext ctx(9);
  miwb::Variable x, y;
  QVERIFY(all->sample(4096, ctx, x, y));
  Matrix bits;
  miwb::Labels labels;
  QVERIFY(miwb::loadIb12bit(bits, labels));
  QVERIFY(x.values() == bits);  // the full labelled set, in order
  QCOMPARE(y.labels(), labels);
  QCOMPARE(miwb::denseLabels(x.labels()).counts.size(), std::size_t{4096});

  miwb::Variable x1, y1, x2, y2;
  QVERIFY(all->sample(100, ctx, x1, y1));
  QVERIFY(all->sample(100, ctx, x2, y2));
  QCOMPARE(x1.samples(), Index{100});
  QVERIFY(x1.values() == x2.values());  // same seed, same subset
  for (Index i = 0; i < 100; ++i) {
    Index row = 0;
    for (Index j = 0; j < 12; ++j) row = 2 * row + static_cast<Index>(x1.values()(i, j));
    QCOMPARE(y1.labels()[static_cast<std::size_t>(i)], labels[static_cast<std::size_t>(row)]);  // pairs stay matched
  }
  QVERIFY(!all->sample(4097, ctx, x, y));

  std::unique_ptr<miwb::PairSource> test;
  QVERIFY(registry().createPairSource("ib12bit", {{"rows", "test"}, {"split", "ordered"}}, test));
  QCOMPARE(test->maxSamples().value_or(0), Index{4096 - 3277});
  QVERIFY(test->sample(4096 - 3277, ctx, x, y));
  QCOMPARE(x.values()(0, 0), 1.0);  // row 3277 = 0b110011001101
  QCOMPARE(x.values().row(0).sum(), 7.0);
}

QTEST_GUILESS_MAIN(TestStores)
#include "tst_stores.moc"
