// miwb::Random: pinned draws (computed once, and cross-checked against an independent Python
// implementation of MT19937-64 and the same algorithms) and the moments of each kind of draw.
#include <QTest>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "miwb/random.h"
#include "miwb/run_context.h"

namespace {

struct Moments {
  double mean = 0.0, variance = 0.0;
};

Moments moments(int count, const std::function<double()>& draw) {
  double sum = 0.0, sumSquares = 0.0;
  for (int i = 0; i < count; ++i) {
    const double v = draw();
    sum += v;
    sumSquares += v * v;
  }
  Moments m;
  m.mean = sum / count;
  m.variance = sumSquares / count - m.mean * m.mean;
  return m;
}

// `actual` within `standardErrors` standard errors of `expected`.
void checkClose(double actual, double expected, double standardError, const char* what, double standardErrors = 4.0) {
  QVERIFY2(std::fabs(actual - expected) <= standardErrors * standardError,
           qPrintable(QString("%1: %2, expected %3 +/- %4").arg(what).arg(actual, 0, 'g', 10).arg(expected).arg(standardErrors * standardError)));
}

// Pinned real draws may differ in the last bit between maths libraries (log, sqrt, pow), never more.
void checkPinned(double actual, double expected) {
  QVERIFY2(std::fabs(actual - expected) <= 1e-14 * std::fabs(expected),
           qPrintable(QString("%1, pinned %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

constexpr int kDraws = 200000;

}  // namespace

class TestRandom : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void engineIsTheStandardMt19937_64() {
    // The standard fixes the 10000th output of a default-seeded mt19937_64 (5489).
    miwb::Random random(5489);
    for (int i = 0; i < 9999; ++i) random.next();
    QCOMPARE(random.next(), std::uint64_t{9981545732273789042ull});
  }

  void pinnedDraws() {
    {
      miwb::Random r(42);
      QCOMPARE(r.next(), std::uint64_t{13930160852258120406ull});
      QCOMPARE(r.next(), std::uint64_t{11788048577503494824ull});
      QCOMPARE(r.next(), std::uint64_t{13874630024467741450ull});
    }
    {
      miwb::Random r(42);  // uniform = (next >> 11) / 2^53
      checkPinned(r.uniform(), 0.75515553295453897);
      checkPinned(r.uniform(), 0.63903139385469743);
      checkPinned(r.uniform(), 0.7521452007480266);
    }
    {
      miwb::Random r(42);
      checkPinned(r.uniform(-2.0, 2.0), 4.0 * 0.75515553295453897 - 2.0);
    }
    {
      miwb::Random r(42);
      checkPinned(r.normal(), 1.2938204232729367);
      checkPinned(r.normal(), 0.70498826642085988);
      checkPinned(r.normal(), 0.39797739618378869);
    }
    {
      miwb::Random r(42);
      checkPinned(r.normal(3.0, 2.0), 3.0 + 2.0 * 1.2938204232729367);
    }
    {
      miwb::Random r(42);
      const std::uint64_t expected[] = {6, 4, 0, 2, 1};
      for (std::uint64_t e : expected) QCOMPARE(r.integer(10), e);
    }
    {
      // n = 3 * 2^62: the first raw draw (13930160852258120406) is accepted and reduced mod n; the
      // second (11788048577503494824) is below n and returned as it is.
      miwb::Random r(42);
      const std::uint64_t n = std::uint64_t{3} << 62;
      QCOMPARE(r.integer(n), std::uint64_t{95102796975956694ull});
      QCOMPARE(r.integer(n), std::uint64_t{11788048577503494824ull});
      QCOMPARE(r.integer(n), std::uint64_t{39571969185577738ull});
    }
    {
      miwb::Random r(42);
      checkPinned(r.gamma(0.5), 0.059358077235739284);
      checkPinned(r.gamma(0.5), 0.018634124596795469);
      checkPinned(r.gamma(0.5), 0.43254714448722009);
    }
    {
      miwb::Random r(42);
      checkPinned(r.gamma(2.5), 4.6836048874623302);
      checkPinned(r.gamma(2.5), 3.3788670720386484);
      checkPinned(r.gamma(2.5), 4.2654040082941922);
    }
    {
      miwb::Random r(42);
      checkPinned(r.chiSquare(3.0), 6.3928159762248207);
      checkPinned(r.chiSquare(3.0), 4.2116501757946496);
      checkPinned(r.chiSquare(3.0), 5.6797751919283312);
    }
  }

  void uniformMoments() {
    miwb::Random r(1);
    double low = 1.0, high = 0.0;
    const Moments m = moments(kDraws, [&] {
      const double u = r.uniform();
      low = std::min(low, u);
      high = std::max(high, u);
      return u;
    });
    QVERIFY(low >= 0.0 && high < 1.0);
    checkClose(m.mean, 0.5, std::sqrt(1.0 / 12.0 / kDraws), "uniform mean");
    // Var of the sample variance of U(0,1): (mu4 - sigma^4) / N with mu4 = 1/80.
    checkClose(m.variance, 1.0 / 12.0, std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / kDraws), "uniform variance");
    miwb::Random s(2);
    const Moments shifted = moments(kDraws, [&] { return s.uniform(-3.0, 5.0); });
    checkClose(shifted.mean, 1.0, 8.0 * std::sqrt(1.0 / 12.0 / kDraws), "uniform(-3, 5) mean");
  }

  void normalMomentsAndQuantiles() {
    miwb::Random r(3);
    int below = 0, belowUpper = 0;
    double sumCubes = 0.0;
    const Moments m = moments(kDraws, [&] {
      const double v = r.normal();
      below += v < -1.0;
      belowUpper += v < 1.959963984540054;
      sumCubes += v * v * v;
      return v;
    });
    checkClose(m.mean, 0.0, 1.0 / std::sqrt(kDraws), "normal mean");
    checkClose(m.variance, 1.0, std::sqrt(2.0 / kDraws), "normal variance");
    checkClose(sumCubes / kDraws, 0.0, std::sqrt(15.0 / kDraws), "normal third moment");
    const double p1 = 0.15865525393145707, p2 = 0.975;  // Phi(-1), Phi(1.96)
    checkClose(static_cast<double>(below) / kDraws, p1, std::sqrt(p1 * (1 - p1) / kDraws), "P(Z < -1)");
    checkClose(static_cast<double>(belowUpper) / kDraws, p2, std::sqrt(p2 * (1 - p2) / kDraws), "P(Z < 1.96)");
    miwb::Random s(4);
    const Moments scaled = moments(kDraws, [&] { return s.normal(-2.0, 3.0); });
    checkClose(scaled.mean, -2.0, 3.0 / std::sqrt(kDraws), "normal(-2, 3) mean");
    checkClose(scaled.variance, 9.0, 9.0 * std::sqrt(2.0 / kDraws), "normal(-2, 3) variance");
  }

  void chiSquareMoments_data() {
    QTest::addColumn<double>("dof");
    QTest::newRow("0.5") << 0.5;
    QTest::newRow("1") << 1.0;
    QTest::newRow("3") << 3.0;
    QTest::newRow("10") << 10.0;
    QTest::newRow("250") << 250.0;
  }
  void chiSquareMoments() {
    QFETCH(double, dof);
    miwb::Random r(5);
    bool positive = true;
    const Moments m = moments(kDraws, [&] {
      const double v = r.chiSquare(dof);
      positive = positive && v >= 0.0;
      return v;
    });
    QVERIFY(positive);
    // Mean k, variance 2k; the sample variance's variance is (mu4 - sigma^4)/N, mu4 = 12k^2 + 48k.
    checkClose(m.mean, dof, std::sqrt(2.0 * dof / kDraws), "chi-square mean");
    checkClose(m.variance, 2.0 * dof, std::sqrt((8.0 * dof * dof + 48.0 * dof) / kDraws), "chi-square variance");
  }

  void gammaMedian() {
    // The median of Gamma(1) (an exponential) is ln 2; of Gamma(0.3), shape < 1 takes the boosted path.
    miwb::Random r(6);
    int belowLn2 = 0;
    for (int i = 0; i < kDraws; ++i) belowLn2 += r.gamma(1.0) < std::log(2.0);
    checkClose(static_cast<double>(belowLn2) / kDraws, 0.5, std::sqrt(0.25 / kDraws), "P(Gamma(1) < ln 2)");
    miwb::Random s(7);
    const Moments m = moments(kDraws, [&] { return s.gamma(0.3); });
    checkClose(m.mean, 0.3, std::sqrt(0.3 / kDraws), "Gamma(0.3) mean");
    // Gamma(a): variance a, fourth central moment 3a^2 + 6a.
    checkClose(m.variance, 0.3, std::sqrt((2.0 * 0.09 + 6.0 * 0.3) / kDraws), "Gamma(0.3) variance");
  }

  void integerIsUnbiased() {
    // Small n: every value equally likely (chi-square goodness of fit, 6 dof: 99.9 % quantile 22.46).
    miwb::Random r(8);
    std::vector<int> counts(7, 0);
    for (int i = 0; i < kDraws; ++i) {
      const std::uint64_t v = r.integer(7);
      QVERIFY(v < 7);
      ++counts[v];
    }
    double chi2 = 0.0;
    for (int c : counts) chi2 += std::pow(c - kDraws / 7.0, 2) / (kDraws / 7.0);
    QVERIFY2(chi2 < 22.46, qPrintable(QString("chi-square %1").arg(chi2)));
    // n = 3 * 2^62: plain `next() % n` would give [0, 2^62) half the time instead of a third.
    miwb::Random s(9);
    const std::uint64_t n = std::uint64_t{3} << 62;
    int low = 0;
    for (int i = 0; i < kDraws; ++i) {
      const std::uint64_t v = s.integer(n);
      QVERIFY(v < n);
      low += v < (std::uint64_t{1} << 62);
    }
    checkClose(static_cast<double>(low) / kDraws, 1.0 / 3.0, std::sqrt(2.0 / 9.0 / kDraws), "P(integer < n / 3)");
    QCOMPARE(s.integer(1), std::uint64_t{0});
  }

  void shuffleIsUniform() {
    // The 6 orders of 3 items, each 1/6 (chi-square, 5 dof: 99.9 % quantile 20.52).
    miwb::Random r(10);
    std::map<std::vector<int>, int> counts;
    const int shuffles = 60000;
    for (int i = 0; i < shuffles; ++i) {
      std::vector<int> items{0, 1, 2};
      r.shuffle(items);
      ++counts[items];
    }
    QCOMPARE(counts.size(), std::size_t{6});
    double chi2 = 0.0;
    for (const auto& [order, c] : counts) chi2 += std::pow(c - shuffles / 6.0, 2) / (shuffles / 6.0);
    QVERIFY2(chi2 < 20.52, qPrintable(QString("chi-square %1").arg(chi2)));
  }

  void runContextStreams() {
    const miwb::RunContext ctx(17);
    miwb::Random a = ctx.random(3), b = ctx.random(3), c = ctx.random(4);
    miwb::Random direct(miwb::mixSeed(17, 3));
    const std::uint64_t first = a.next();
    QCOMPARE(b.next(), first);
    QCOMPARE(direct.next(), first);
    QVERIFY(c.next() != first);
  }
};

QTEST_APPLESS_MAIN(TestRandom)
#include "test_random.moc"
