// The screen: exact where exact is possible (the Gaussian screen is -1/2 ln(1 - r^2) per feature, and
// every estimator's row is the estimate `miwb-cli estimate` gives on that column), BH/BY against a
// direct implementation, calibrated permutation p-values on null features, the BH false share on a
// planted design, the readers (npy in every layout, CSV, blocks) and the bad inputs through the CLI.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "miwb/host/estimate/pair_estimate.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/screen/screen_output.h"
#include "miwb/io/npy.h"
#include "miwb/random.h"
#include "support/cli_process.h"

using miwb::Index;
using miwb::Json;
using miwb::Matrix;
using miwb::ScreenRow;
using miwb::Status;
using miwb::Variable;

namespace {

// Features with planted dependence on y: column j = c_j y + noise for j in `planted`, pure noise
// otherwise.
struct Design {
  Matrix features;  // n x f
  Matrix outcome;   // n x 1
};

Design plantedDesign(Index n, Index f, const std::vector<Index>& planted, double strength, std::uint64_t seed) {
  miwb::Random rng(seed);
  Design d;
  d.outcome.resize(n, 1);
  for (Index i = 0; i < n; ++i) d.outcome(i, 0) = rng.normal();
  d.features.resize(n, f);
  for (Index j = 0; j < f; ++j) {
    const bool signal = std::find(planted.begin(), planted.end(), j) != planted.end();
    for (Index i = 0; i < n; ++i) d.features(i, j) = (signal ? strength * d.outcome(i, 0) : 0.0) + rng.normal();
  }
  return d;
}

double pearson(const Matrix& a, const Matrix& b) {
  const auto ca = a.array() - a.mean(), cb = b.array() - b.mean();
  return (ca * cb).sum() / std::sqrt(ca.square().sum() * cb.square().sum());
}

// q_(i) = min over j >= i of m p_(j) / j, capped at 1, written as the definition reads (O(m^2)).
std::vector<double> directQValues(const std::vector<double>& p, bool yekutieli) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  double c = 1.0;
  if (yekutieli) {
    c = 0.0;
    for (std::size_t i = 1; i <= m; ++i) c += 1.0 / static_cast<double>(i);
  }
  std::vector<double> q(m);
  for (std::size_t i = 0; i < m; ++i) {
    double best = 1.0;
    for (std::size_t j = i; j < m; ++j) best = std::min(best, c * static_cast<double>(m) * p[order[j]] / static_cast<double>(j + 1));
    q[order[i]] = best;
  }
  return q;
}

}  // namespace

class TestScreen : public QObject {
  Q_OBJECT

  miwb::PluginRegistry registry_;
  QTemporaryDir dir_;

  std::unique_ptr<miwb::Estimator> make(const std::string& id, const Json& params = Json::object()) {
    std::unique_ptr<miwb::Estimator> est;
    const Status s = registry_.createEstimator(id, params, est);
    if (!s) qWarning("%s", s.message().c_str());
    return est;
  }

  QString save(const QString& name, const Matrix& m, bool asVector = false) {
    const QString path = dir_.filePath(name);
    const Status s = miwb::writeFile(path, miwb::encodeNpy(m, asVector));
    if (!s) qWarning("%s", s.message().c_str());
    return path;
  }

  // Runs the screen of `features` (a file) against `outcome` with one estimator.
  std::vector<ScreenRow> screen(const QString& features, const Variable& outcome, const miwb::Estimator& estimator,
                                miwb::ScreenOptions options = {}) {
    std::unique_ptr<miwb::FeatureSource> source;
    Status s = miwb::openFeatureSource(features, outcome.samples(), source);
    if (!s) qWarning("%s", s.message().c_str());
    if (!s) return {};
    miwb::ScreenResult result;
    s = miwb::runScreen(*source, outcome, {{"e", Json::object(), &estimator}}, options, result);
    if (!s) qWarning("%s", s.message().c_str());
    return s ? result.tables.at(0).rows : std::vector<ScreenRow>{};
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    registry_.scan(miwb::PluginRegistry::defaultSearchPath());
    for (const char* id : {"gaussian", "ksg", "binning", "kde-fft"})
      QVERIFY2(registry_.estimator(id), qPrintable(QString("plugin %1 not found next to the test").arg(id)));
  }

  // Gaussian screen = -1/2 ln(1 - r^2) with r the sample correlation of each column, and its Linfoot
  // coefficient = |r|; ranks follow |r|.
  void gaussianScreenIsClosedForm() {
    const Design d = plantedDesign(300, 40, {1, 5, 9, 20}, 0.7, 21);
    auto gaussian = make("gaussian");
    const std::vector<ScreenRow> rows = screen(save("g.npy", d.features), Variable::continuous(d.outcome), *gaussian);
    QCOMPARE(rows.size(), std::size_t{40});
    for (Index j = 0; j < 40; ++j) {
      const double r = pearson(d.features.col(j), d.outcome);
      const ScreenRow& row = rows[static_cast<std::size_t>(j)];
      QCOMPARE(row.n, Index{300});
      QVERIFY2(std::abs(row.miNats - (-0.5 * std::log(1 - r * r))) < 1e-9, qPrintable(QString("feature %1").arg(j)));
      QVERIFY(std::abs(miwb::linfootCorrelation(row.miNats) - std::abs(r)) < 1e-8);
    }
    std::vector<ScreenRow> ranked = rows;
    miwb::rankRows(ranked);
    for (const ScreenRow& a : ranked)
      for (const ScreenRow& b : ranked)
        if (a.rank < b.rank) QVERIFY(a.miNats >= b.miNats);
    QCOMPARE(ranked[1].rank > 0 && ranked[1].rank <= 4, true);  // a planted feature in the top 4
  }

  // Each row equals estimatePair (what `miwb-cli estimate` runs) on that column, bit for bit, for ksg,
  // binning (fixed and auto bins) and kde-fft; a column with NaN equals the estimate on its rows
  // without NaN, and reports their count.
  void rowsEqualTheEstimateOnEachColumn() {
    Design d = plantedDesign(250, 6, {0, 3}, 0.8, 22);
    d.features(4, 2) = NAN;
    d.features(100, 2) = NAN;
    const QString path = save("e.npy", d.features);
    const Variable outcome = Variable::continuous(d.outcome);
    const std::vector<std::pair<std::string, Json>> estimators = {
        {"ksg", Json::object()}, {"binning", Json::object()}, {"binning", {{"bins", nullptr}}}, {"kde-fft", Json::object()}};
    for (const auto& [id, params] : estimators) {
      auto est = make(id, params);
      miwb::ScreenOptions options;
      options.seed = 5;
      const std::vector<ScreenRow> rows = screen(path, outcome, *est, options);
      QCOMPARE(rows.size(), std::size_t{6});
      for (Index j = 0; j < 6; ++j) {
        std::vector<Index> kept;
        for (Index i = 0; i < 250; ++i)
          if (!std::isnan(d.features(i, j))) kept.push_back(i);
        Matrix column(static_cast<Index>(kept.size()), 1);
        for (std::size_t k = 0; k < kept.size(); ++k) column(static_cast<Index>(k), 0) = d.features(kept[k], j);
        miwb::PairEstimateOptions pairOptions;
        pairOptions.seed = 5;
        miwb::PairEstimate expected;
        QVERIFY(miwb::estimatePair(*est, id, Variable::continuous(column), outcome.subset(kept), pairOptions, expected));
        QCOMPARE(rows[static_cast<std::size_t>(j)].n, static_cast<Index>(kept.size()));
        QCOMPARE(rows[static_cast<std::size_t>(j)].miNats, expected.estimate.valueNats);
      }
      QCOMPARE(rows[2].n, Index{248});
    }
  }

  // Through the programs: `miwb-cli estimate --json` on one column gives the number `miwb-cli screen`
  // writes for it (17 significant digits read back exactly), for ksg and binning with auto bins.
  void cliEstimateEqualsScreenRow() {
    const Design d = plantedDesign(200, 4, {2}, 0.9, 29);
    const QString x = save("cx.npy", d.features), y = save("cy.npy", d.outcome, true);
    const QString column = save("c2.npy", d.features.col(2), true);
    const QString out = dir_.filePath("cli-screen");
    const auto r = miwb::test::runCli({"screen", "--x", x, "--y", y, "-e", "ksg", "-e", "binning", "-p", "bins=auto",
                                       "--seed", "4", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile csv(out + "/screen.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    std::map<std::string, double> screened;
    for (const QString& line : QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts)) {
      const QStringList f = line.split(',');
      if (f[0] == "2") screened[f[2].toStdString()] = f[4].toDouble();
    }
    for (const auto& [id, params] : std::vector<std::pair<QString, QStringList>>{{"ksg", {}}, {"binning", {"-p", "bins=auto"}}}) {
      const auto e = miwb::test::runCli(QStringList{"estimate", "-e", id} + params +
                                        QStringList{"--x", column, "--y", y, "--seed", "4", "--json"});
      QVERIFY2(e.code == 0, qPrintable(e.err));
      const double estimated = Json::parse(e.out.toStdString()).at("mi_nats").get<double>();
      QCOMPARE(screened.at(id.toStdString()), estimated);
    }
  }

  // bins = auto is the Birge-Rozenholc count: binning with it equals binning with the D that a direct
  // evaluation of the penalised likelihood picks for each side (1-D, data range).
  void autoBinsAreBirgeRozenholc() {
    const Design d = plantedDesign(400, 1, {0}, 1.0, 23);
    auto birgeRozenholc = [](const Matrix& v) {
      const double lo = v.minCoeff(), hi = v.maxCoeff(), n = static_cast<double>(v.rows());
      int best = 1;
      double bestScore = -INFINITY;
      for (int bins = 1; bins <= static_cast<int>(n / std::log(n)); ++bins) {
        std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
        for (Index i = 0; i < v.rows(); ++i)
          counts[static_cast<std::size_t>(std::min(bins - 1, static_cast<int>((v(i, 0) - lo) / (hi - lo) * bins)))] += 1;
        double score = -(bins - 1 + std::pow(std::log(static_cast<double>(bins)), 2.5));
        for (double c : counts)
          if (c > 0) score += c * std::log(bins * c / n);
        if (score > bestScore) {
          bestScore = score;
          best = bins;
        }
      }
      return best;
    };
    const Matrix x = d.features.col(0), y = d.outcome;
    const int bx = birgeRozenholc(x), by = birgeRozenholc(y);
    QVERIFY(bx > 3 && bx < 60 && by > 3 && by < 60);
    // Binning with (bins = auto) on (x, x) is H(binned x): compare with bins = bx on (x, x).
    miwb::RunContext ctx(1);
    miwb::Estimate automatic, fixed;
    QVERIFY(make("binning", {{"bins", nullptr}})->mutualInformation(Variable::continuous(x), Variable::continuous(x), ctx, automatic));
    QVERIFY(make("binning", {{"bins", bx}})->mutualInformation(Variable::continuous(x), Variable::continuous(x), ctx, fixed));
    QCOMPARE(automatic.valueNats, fixed.valueNats);
  }

  void qValuesEqualDirectImplementation() {
    // By hand: p = 0.01, 0.04, 0.03, 0.5 -> m p_(j) / j = 0.04, 0.06, 0.0533, 0.5 -> q = 0.04, 0.0533, 0.0533, 0.5.
    const std::vector<double> q = miwb::qValues({0.01, 0.04, 0.03, 0.5}, miwb::FdrMethod::BenjaminiHochberg);
    QVERIFY(std::abs(q[0] - 0.04) < 1e-15 && std::abs(q[1] - 0.16 / 3) < 1e-15 && std::abs(q[2] - 0.16 / 3) < 1e-15 &&
            std::abs(q[3] - 0.5) < 1e-15);
    miwb::Random rng(3);
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<double> p(1 + rng.integer(300));
      for (double& v : p) v = rng.uniform() < 0.2 ? std::round(rng.uniform() * 20) / 20 : std::pow(rng.uniform(), 3);  // ties too
      for (bool by : {false, true}) {
        const std::vector<double> got = miwb::qValues(p, by ? miwb::FdrMethod::BenjaminiYekutieli : miwb::FdrMethod::BenjaminiHochberg);
        const std::vector<double> expected = directQValues(p, by);
        for (std::size_t k = 0; k < p.size(); ++k) QVERIFY(std::abs(got[k] - expected[k]) <= 1e-14 * expected[k]);
      }
    }
  }

  // On 2000 null features the permutation p-values are calibrated: the share below 0.05 is in
  // [0.025, 0.075] (gaussian and binning, P = 99; a p-value below 0.05 is then at most 0.04, so the
  // expected share is 0.04, and ties of the plug-in estimate only lower it).
  void nullPValuesAreCalibrated() {
    const Design d = plantedDesign(100, 2000, {}, 0.0, 24);
    const QString path = save("null.npy", d.features);
    for (const char* id : {"gaussian", "binning"}) {
      auto est = make(id, std::string(id) == "binning" ? Json{{"bins", 4}} : Json::object());
      miwb::ScreenOptions options;
      options.permutations = 99;
      options.seed = 9;
      const std::vector<ScreenRow> rows = screen(path, Variable::continuous(d.outcome), *est, options);
      QCOMPARE(rows.size(), std::size_t{2000});
      int below = 0;
      for (const ScreenRow& r : rows) {
        QVERIFY(r.pValue && *r.pValue >= 0.01 && *r.pValue <= 1.0);
        below += *r.pValue < 0.05 ? 1 : 0;
      }
      const double share = below / 2000.0;
      qInfo("%s: share of p < 0.05 on null features %.4f", id, share);
      QVERIFY2(share >= 0.025 && share <= 0.075, qPrintable(QString::number(share)));
    }
  }

  // BH at 0.05 on a planted design (10 of 100 features carry signal, 30 replicates): the false share
  // of the selected features, averaged over replicates, stays under 0.05.
  void benjaminiHochbergControlsFalseShare() {
    auto gaussian = make("gaussian");
    double falseShareSum = 0.0;
    int selectedTotal = 0;
    const std::vector<Index> planted = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    const int replicates = 30;
    for (int rep = 0; rep < replicates; ++rep) {
      const Design d = plantedDesign(120, 100, planted, 0.35, 100 + static_cast<std::uint64_t>(rep));
      miwb::ScreenOptions options;
      options.permutations = 499;
      options.seed = static_cast<std::uint64_t>(rep);
      std::vector<ScreenRow> rows = screen(save("bh.npy", d.features), Variable::continuous(d.outcome), *gaussian, options);
      miwb::rankRows(rows);
      miwb::assignQValues(rows, miwb::FdrMethod::BenjaminiHochberg);
      miwb::SelectionOptions selection;
      selection.fdr = miwb::FdrMethod::BenjaminiHochberg;
      miwb::selectRows(rows, selection);
      int selected = 0, wrong = 0;
      for (const ScreenRow& r : rows) {
        if (!r.selected) continue;
        ++selected;
        wrong += std::find(planted.begin(), planted.end(), r.feature) == planted.end() ? 1 : 0;
      }
      selectedTotal += selected;
      falseShareSum += selected > 0 ? static_cast<double>(wrong) / selected : 0.0;
    }
    qInfo("BH: mean false share %.4f, %.1f selected per replicate", falseShareSum / replicates, selectedTotal / double(replicates));
    QVERIFY(selectedTotal > replicates * 3);  // the test has power
    QVERIFY(falseShareSum / replicates < 0.05);
  }

  // Every layout of the same matrix, CSV with NaN as empty fields, and blocks of two columns (each
  // feature then drawing its own permutations, the same shuffles) give the same rows; a constant
  // feature is 0 with p = 1.
  void readersAndBlocksAgree() {
    Design d = plantedDesign(60, 7, {2}, 1.0, 25);
    d.features(3, 1) = NAN;
    d.features.col(5).setConstant(2.5);
    const Variable outcome = Variable::continuous(d.outcome);
    auto ksg = make("ksg");
    miwb::ScreenOptions options;
    options.permutations = 19;
    const std::vector<ScreenRow> reference = screen(save("c.npy", d.features), outcome, *ksg, options);
    QCOMPARE(reference[5].miNats, 0.0);
    QCOMPARE(reference[5].note, std::string("constant"));
    QCOMPARE(*reference[5].pValue, 1.0);
    QCOMPARE(reference[1].n, Index{59});
    // Transposed (features x samples) and Fortran order.
    const Matrix transposed = d.features.transpose();
    QString csv = "a,b,c,d,e,f,g\n";
    for (Index i = 0; i < 60; ++i) {
      for (Index j = 0; j < 7; ++j)
        csv += (j ? "," : "") + (std::isnan(d.features(i, j)) ? QString() : QString::number(d.features(i, j), 'g', 17));
      csv += "\n";
    }
    miwb::test::writeFile(dir_.filePath("c.csv"), csv.toUtf8());
    miwb::ScreenOptions small = options;
    small.maxMemoryBytes = 60 * 8 * 2;  // two columns per block, and each feature draws its own permutations
    for (const QString& path : {save("t.npy", transposed), dir_.filePath("c.csv")}) {
      for (const miwb::ScreenOptions& o : {options, small}) {
        const std::vector<ScreenRow> rows = screen(path, outcome, *ksg, o);
        QCOMPARE(rows.size(), reference.size());
        for (std::size_t j = 0; j < rows.size(); ++j) {
          QCOMPARE(rows[j].miNats, reference[j].miNats);
          QCOMPARE(rows[j].pValue.value_or(-1.0), reference[j].pValue.value_or(-1.0));
          QCOMPARE(rows[j].n, reference[j].n);
        }
      }
    }
    std::unique_ptr<miwb::FeatureSource> source;
    QVERIFY(miwb::openFeatureSource(dir_.filePath("c.csv"), 60, source));
    QCOMPARE(source->names().at(6), std::string("g"));
  }

  // Clumping: a near copy of the best feature is clumped by it; an independent selected one is not.
  void clumpingMarksNearCopies() {
    Design d = plantedDesign(300, 6, {0, 4}, 1.0, 26);
    miwb::Random rng(1);
    for (Index i = 0; i < 300; ++i) d.features(i, 2) = d.features(i, 0) + 0.05 * rng.normal();
    const QString path = save("clump.npy", d.features);
    auto gaussian = make("gaussian");
    std::vector<ScreenRow> rows = screen(path, Variable::continuous(d.outcome), *gaussian);
    miwb::ScreenTable table;
    table.estimator = {"gaussian", Json::object(), gaussian.get()};
    table.rows = rows;
    miwb::rankRows(table.rows);
    miwb::SelectionOptions selection;
    selection.top = 3;
    miwb::selectRows(table.rows, selection);
    std::unique_ptr<miwb::FeatureSource> source;
    QVERIFY(miwb::openFeatureSource(path, 300, source));
    QVERIFY(miwb::clumpRows(table, *source, miwb::ScreenOptions(), 0.8));
    const Index best = table.rows[0].rank < table.rows[2].rank ? 0 : 2, copy = 2 - best;
    QVERIFY(table.rows[static_cast<std::size_t>(copy)].clumpedBy == std::optional<Index>(best));
    QVERIFY(!table.rows[static_cast<std::size_t>(copy)].selected);
    QVERIFY(table.rows[4].selected && !table.rows[4].clumpedBy);
  }

  // Shards: three `--shard I/3` runs merged with `--merge` give the single run's screen.csv byte for
  // byte (the same rows, p-values from the same shuffles, ranks and q-values over all features); a
  // missing shard and a folder that is no shard's are one error line each.
  void shardsMergeToTheSingleRun() {
    Design d = plantedDesign(80, 10, {1, 6}, 0.8, 28);
    d.features(5, 3) = NAN;
    const QString x = save("sx.npy", d.features), y = save("sy.npy", d.outcome, true);
    const QStringList common = {"screen", "--x", x, "--y", y, "-e", "gaussian", "-e", "ksg", "--permutations", "19", "--seed", "3"};
    const QString single = dir_.filePath("single");
    auto r = miwb::test::runCli(common + QStringList{"--top", "3", "--fdr", "bh", "--out", single});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QStringList shards;
    for (int i = 0; i < 3; ++i) {
      shards << dir_.filePath(QString("shard%1").arg(i));
      r = miwb::test::runCli(common + QStringList{"--shard", QString("%1/3").arg(i), "--out", shards.back()});
      QVERIFY2(r.code == 0, qPrintable(r.err));
    }
    const QString merged = dir_.filePath("merged");
    r = miwb::test::runCli(QStringList{"screen", "--merge"} + shards + QStringList{"--top", "3", "--fdr", "bh", "--out", merged});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile a(single + "/screen.csv"), b(merged + "/screen.csv");
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
    r = miwb::test::runCli({"screen", "--merge", shards[0], shards[2], "--out", merged});
    QVERIFY2(r.code == 2 && r.err.contains("shard 1/3 is missing") && r.err.count('\n') == 1, qPrintable(r.err));
    r = miwb::test::runCli({"screen", "--merge", single, "--out", merged});
    QVERIFY2(r.code == 2 && r.err.contains("not a shard's"), qPrintable(r.err));
  }

  // Bad input through the CLI: one `error:` line naming the file, exit 2.
  void badInputs() {
    const Design d = plantedDesign(50, 3, {0}, 1.0, 27);
    const QString x = save("bx.npy", d.features), y = save("by.npy", d.outcome, true);
    Matrix shortOutcome = d.outcome.topRows(40);
    Matrix nanOutcome = d.outcome;
    nanOutcome(7, 0) = NAN;
    miwb::test::writeFile(dir_.filePath("text.csv"), "a,b\n1,2\n3,oops\n");
    miwb::test::writeFile(dir_.filePath("empty.csv"), "");
    const QString y2 = save("y2.npy", d.outcome.topRows(2), true);
    const QString out = dir_.filePath("out");
    struct Case {
      QStringList args;
      QString says;
    };
    const std::vector<Case> cases = {
        {{"--x", x, "--y", save("short.npy", shortOutcome, true)}, "no axis of 40 samples"},
        {{"--x", x, "--y", save("nan.npy", nanOutcome, true)}, "NaN"},
        {{"--x", dir_.filePath("text.csv"), "--y", y2}, "line 3, column 2 ('b'): 'oops' is not a number"},
        {{"--x", dir_.filePath("empty.csv"), "--y", y2}, "empty"},
        {{"--x", save("none.npy", Matrix(50, 0)), "--y", y}, "holds no features"},
        {{"--x", x, "--y", y, "--fdr", "bh"}, "--fdr needs --permutations"},
        {{"--x", x, "--y", y, "--clump", "0.5"}, "--clump needs --top"},
    };
    for (const Case& c : cases) {
      const auto r = miwb::test::runCli(QStringList{"screen", "-e", "gaussian", "--out", out} + c.args);
      QCOMPARE(r.code, 2);
      QVERIFY2(r.err.startsWith("error: ") && r.err.count('\n') == 1 && r.err.contains(c.says), qPrintable(r.err));
    }
    // A good run writes screen.csv with the documented columns, the features in rank order.
    const auto ok = miwb::test::runCli({"screen", "--x", x, "--y", y, "-e", "gaussian", "-e", "binning", "-p", "bins=auto",
                                        "--top", "1", "--out", out});
    QVERIFY2(ok.code == 0, qPrintable(ok.err));
    QFile csv(out + "/screen.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QString("feature,name,estimator,n,mi_nats,mi_bits,linfoot,rank,p_value,q_value,selected,clumped_by,note"));
    QVERIFY(lines[1].startsWith("0,,gaussian,50,") && lines[1].contains(",1,,,1,,"));
    QVERIFY(lines[4].contains(",binning,"));
  }
};

QTEST_GUILESS_MAIN(TestScreen)
#include "test_screen.moc"
