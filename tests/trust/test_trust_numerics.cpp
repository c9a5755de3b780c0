// The maths of intervals, calibration and extrapolation, against hand-computed and closed-form values.
#include <QtTest>
#include <cmath>
#include <set>
#include <tuple>

#include "miwb/host/trust/extrapolation.h"
#include "miwb/host/trust/calibration_curve.h"
#include "miwb/host/trust/half_sample_interval.h"
#include "miwb/host/trust/power_law_fit.h"
#include "miwb/host/trust/resampling.h"
#include "trust_tests.h"

using namespace miwb;
using namespace miwb::numerics;

namespace trust_tests {

void TestTrustNumerics::randomSubsetIsDistinctAndUniform() {
  Random rng(5);
  std::vector<int> hits(10, 0);
  for (int r = 0; r < 4000; ++r) {
    const auto rows = randomSubset(10, 5, rng);
    QCOMPARE(rows.size(), std::size_t(5));
    QCOMPARE(std::set<Index>(rows.begin(), rows.end()).size(), std::size_t(5));
    QVERIFY(std::is_sorted(rows.begin(), rows.end()));
    for (Index i : rows) ++hits[static_cast<std::size_t>(i)];
  }
  // Each row is in a half with probability 1/2: 2000 of 4000, binomial sd 31.6; 5 sd tolerance.
  for (int h : hits) QVERIFY2(std::abs(h - 2000) < 160, qPrintable(QString::number(h)));
  Random a(9), b(9);
  QCOMPARE(randomSubset(1000, 500, a), randomSubset(1000, 500, b));
}

void TestTrustNumerics::quantilesAndNormalQuantile() {
  std::vector<double> v = {4, 1, 3, 2};
  QCOMPARE(quantile(v, 0.0), 1.0);
  QCOMPARE(quantile(v, 1.0), 4.0);
  QCOMPARE(quantile(v, 0.5), 2.5);
  QCOMPARE(quantile(v, 1.0 / 3), 2.0);
  QVERIFY(std::fabs(normalQuantile(0.95) - 1.6448536269514722) < 1e-13);
  QVERIFY(std::fabs(normalQuantile(0.975) - 1.959963984540054) < 1e-13);
  QVERIFY(std::fabs(normalQuantile(0.5)) < 1e-15);
  QVERIFY(std::fabs(normalQuantile(0.001) + 3.090232306167813) < 1e-12);
  // Student t against tables: t(0.95, 5) = 2.015048, t(0.975, 10) = 2.228139, t(0.95, 30) = 1.697261.
  QVERIFY(std::fabs(studentQuantile(0.95, 5) - 2.015048) < 2e-3);
  QVERIFY(std::fabs(studentQuantile(0.975, 10) - 2.228139) < 1e-3);
  QVERIFY(std::fabs(studentQuantile(0.95, 30) - 1.697261) < 1e-4);
  QCOMPARE(sampleStd({1, 2, 3, 4}), std::sqrt(5.0 / 3.0));
}

// The mean of n values: the halves' deviations, rescaled by sqrt(m / (n - m)) = 1, must give the
// standard error sigma / sqrt(n) of the full mean (the finite-population correction at work; the
// sqrt(m/n) rescaling alone would be a factor sqrt(2) short).
void TestTrustNumerics::halfSampleIntervalOfAMean() {
  const Index n = 2000, m = halfSize(n);
  Random rng(3);
  std::vector<double> data(static_cast<std::size_t>(n));
  for (auto& v : data) v = rng.uniform();  // sigma^2 = 1/12
  const double full = mean(data);
  std::vector<double> halves;
  for (int b = 0; b < 400; ++b) {
    double sum = 0;
    for (Index i : randomSubset(n, m, rng)) sum += data[static_cast<std::size_t>(i)];
    halves.push_back(sum / static_cast<double>(m));
  }
  const Interval interval = halfSampleInterval(full, halves, n, m, 0.9);
  const double se = std::sqrt(1.0 / 12 / n);
  // 400 halves give the std to about 3.5 %: 12 % catches the missing correction (29 %).
  QVERIFY2(std::fabs(interval.impliedStd / se - 1) < 0.12, qPrintable(QString::number(interval.impliedStd / se)));
  QVERIFY(std::fabs((interval.high - interval.low) / (2 * 1.645 * se) - 1) < 0.15);
  QVERIFY(interval.low <= full && full <= interval.high);
  // The interval always holds its estimate, even when every half lies to one side.
  const Interval skewed = halfSampleInterval(0.0, {1, 1, 1, 1, 1, 1, 1, 1, 1, -9}, 20, 10, 0.9);
  QVERIFY(skewed.low <= 0 && 0 <= skewed.high);
}

void TestTrustNumerics::powerLawRecoversExactCurve() {
  for (const auto& [limit, a, b] : std::vector<std::tuple<double, double, double>>{{2.5, 3, 0.5}, {1.0, -2, 1.0}, {4, 10, 0.3}}) {
    std::vector<PowerLawPoint> points;
    for (double n : {250., 500., 1000., 2000., 4000., 8000.}) points.push_back({n, limit - a * std::pow(n, -b), 1});
    const auto fit = fitPowerLaw(points);
    QVERIFY(fit.has_value());
    QVERIFY2(std::fabs(fit->limit - limit) < 1e-6, qPrintable(QString::number(fit->limit)));
    QVERIFY(std::fabs(fit->amplitude - a) < 1e-4 * std::fabs(a));
    QVERIFY(std::fabs(fit->exponent - b) < 1e-5);
  }
  QVERIFY(!fitPowerLaw({{100, 1, 1}, {200, 2, 1}}).has_value());
}

// Known I_inf, a, b with deterministic noise on 5 repeats: the fit comes close and the interval
// over refits holds the truth.
void TestTrustNumerics::powerLawWithNoiseAndInterval() {
  const double limit = 2.0, a = 4.0, b = 0.6;
  std::vector<CurveSamples> samples;
  const double offsets[] = {-0.02, -0.01, 0, 0.01, 0.02};
  for (long long n : {250, 500, 1000, 2000, 4000, 8000, 16000}) {
    CurveSamples s{n, {}};
    for (int r = 0; r < 5; ++r) s.values.push_back(limit - a * std::pow(double(n), -b) + offsets[(r + n / 250) % 5] * (1 + r % 2));
    samples.push_back(s);
  }
  const Extrapolation e = extrapolate(samples, 1);
  QVERIFY(e.limit && e.low && e.high && e.exponent);
  QVERIFY2(e.note.empty(), e.note.c_str());
  QVERIFY2(std::fabs(*e.limit - limit) < 0.03, qPrintable(QString::number(*e.limit)));
  QVERIFY(std::fabs(*e.exponent - b) < 0.15);
  QVERIFY(*e.low <= limit && limit <= *e.high);
  QVERIFY(*e.low <= *e.limit && *e.limit <= *e.high);
  QVERIFY(*e.high - *e.low < 0.2);
}

// Curves with known I_inf, a and b and Gaussian noise of sd 0.5 N^-1/2 on every repeat (a KSG-like
// spread), 5 repeats at N = 250 .. 8000, 60 curves per (a, b). Averaged over the curves, the limit
// is unbiased to within 4 of its standard errors and its rms error is under 0.1 nats wherever the
// sizes cover more than half the approach; the 90 % interval from refitting on resampled repeats
// holds the truth in 75 % to 99 % of the curves (a factor-of-two error in its width would move the
// coverage to about 50 % or 99.9 %). The I_inf rms error is printed for each (a, b).
void TestTrustNumerics::extrapolationOnNoisySyntheticCurves() {
  const double limit = 2.0;
  const int curves = 60;
  Random rng(11);
  for (const auto& [a, b] : std::vector<std::pair<double, double>>{{3, 0.5}, {-2, 1.0}, {10, 0.3}, {1, 1.5}}) {
    std::vector<double> errors;
    int covered = 0;
    for (int c = 0; c < curves; ++c) {
      std::vector<CurveSamples> samples;
      for (long long n = 250; n <= 8000; n *= 2) {
        CurveSamples s{n, {}};
        for (int r = 0; r < 5; ++r) s.values.push_back(limit - a * std::pow(double(n), -b) + rng.normal(0, 0.5 / std::sqrt(double(n))));
        samples.push_back(s);
      }
      const Extrapolation e = extrapolate(samples, c);
      QVERIFY(e.limit && e.low && e.high);
      QVERIFY(*e.low <= *e.limit && *e.limit <= *e.high);
      errors.push_back(*e.limit - limit);
      covered += *e.low <= limit && limit <= *e.high;
    }
    const double bias = mean(errors);
    double squares = 0;
    for (double e : errors) squares += e * e;
    const double rms = std::sqrt(squares / curves);
    qInfo("a = %g, b = %g: I_inf bias %.4f, rms error %.4f, 90 %% interval holds the truth in %d of %d", a, b, bias, rms,
          covered, curves);
    QVERIFY2(std::fabs(bias) < 4 * sampleStd(errors) / std::sqrt(double(curves)), qPrintable(QString::number(bias)));
    QVERIFY2(rms < 0.1, qPrintable(QString::number(rms)));
    QVERIFY2(covered >= 0.75 * curves && covered <= 0.99 * curves, qPrintable(QString::number(covered)));
  }
}

void TestTrustNumerics::extrapolationNotes() {
  auto curve = [](std::vector<double> means) {
    std::vector<CurveSamples> s;
    long long n = 100;
    for (double m : means) {
      s.push_back({n, {m - 0.01, m, m + 0.01}});
      n *= 2;
    }
    return s;
  };
  QVERIFY(extrapolate(curve({1, 2, 3}), 0).note.find("too few sample sizes (3") != std::string::npos);
  QVERIFY(!extrapolate(curve({1, 2, 3}), 0).limit);
  const Extrapolation zigzag = extrapolate(curve({1, 2, 1, 2, 1}), 0);
  QVERIFY2(zigzag.note.find("not monotone") != std::string::npos, zigzag.note.c_str());
  // A straight line in log N: N^-b with b -> 0 is the only fit; I_inf is not identified.
  const Extrapolation log = extrapolate(curve({1, 1 + std::log(2.), 1 + std::log(4.), 1 + std::log(8.), 1 + std::log(16.)}), 0);
  QVERIFY2(log.note.find("exponent near 0") != std::string::npos, log.note.c_str());
  const Extrapolation single = extrapolate({{100, {1}}, {200, {1.5}}, {400, {1.75}}, {800, {1.875}}}, 0);
  QVERIFY(single.limit && std::fabs(*single.limit - 2) < 1e-6);
  QVERIFY(!single.low && single.note.find("one repeat") != std::string::npos);
}

void TestTrustNumerics::isotonicPools() {
  QCOMPARE(isotonic({1, 3, 2, 4}, {1, 1, 1, 1}), (std::vector<double>{1, 2.5, 2.5, 4}));
  QCOMPARE(isotonic({3, 2, 1}, {1, 1, 1}), (std::vector<double>{2, 2, 2}));
  QCOMPARE(isotonic({1, 4, 1}, {1, 1, 2}), (std::vector<double>{1, 2, 2}));
}

void TestTrustNumerics::readBackTwoSidedAndBound() {
  // Mean 0.5 t and the same spread everywhere: repeats {m - 0.1, m, m, m + 0.1} have sample std
  // 0.1 sqrt(2/3); pooled over three points the variance has 9 degrees of freedom, so the band's
  // half-width is t(0.95, 9) = 1.8331 times that times sqrt(1 + 1/4).
  std::vector<CalibrationSample> samples;
  for (double t : {0., 1., 2., 3., 4.}) samples.push_back({t, {0.5 * t - 0.1, 0.5 * t, 0.5 * t, 0.5 * t + 0.1}});
  const auto rows = fitCalibration(samples, 0.9);
  const double sd = 0.1 * std::sqrt(2.0 / 3.0);
  QVERIFY(std::fabs(rows[2].std - sd) < 1e-12);
  const double h = studentQuantile(0.95, 9) * sd * std::sqrt(1.25);
  QVERIFY(std::fabs(studentQuantile(0.95, 9) - 1.8331129) < 1e-3);
  QVERIFY(std::fabs(rows[2].halfWidth - h) < 1e-12);
  const ReadBack r = readBack(rows, 1.0);
  QVERIFY(std::fabs(*r.calibrated - 2.0) < 1e-12);
  QVERIFY(std::fabs(*r.low - (2.0 - 2 * h)) < 1e-12);
  QVERIFY(std::fabs(*r.high - (2.0 + 2 * h)) < 1e-12);
  QVERIFY(!r.aboveEveryBand);
  // An estimate near the top of the grid: the lower band never rises above it.
  const ReadBack top = readBack(rows, 1.95);
  QVERIFY(!top.high && top.low);
  // Between t = 3 (an interior point, 9 degrees of freedom) and t = 4 (an end: 6) the upper band
  // is linear.
  const double u3 = 1.5 + rows[3].halfWidth, u4 = 2.0 + rows[4].halfWidth;
  QVERIFY(std::fabs(rows[4].halfWidth - studentQuantile(0.95, 6) * sd * std::sqrt(1.25)) < 1e-12);
  QVERIFY(std::fabs(*top.low - (3 + (1.95 - u3) / (u4 - u3))) < 1e-12);
  // Above every band: the truth is beyond the grid.
  const ReadBack above = readBack(rows, 5.0);
  QVERIFY(above.aboveEveryBand && !above.high && *above.low == 4.0);
  QVERIFY(!above.outside);
  // Below every band (a curve flat far above the estimate, as binning on many continuous dims):
  // no truth gives it, so there is no interval at all, not "between 0 and 0".
  std::vector<CalibrationSample> flat;
  for (double t : {0., 1., 2.}) flat.push_back({t, {5.6, 5.7, 5.7, 5.8}});
  const ReadBack below = readBack(fitCalibration(flat, 0.9), 0.836);
  QVERIFY(below.outside && !below.low && !below.high && !below.calibrated);
  // Just inside the lowest band it is an interval again, holding its own reading of the curve.
  const auto flatRows = fitCalibration(flat, 0.9);
  const ReadBack edge = readBack(flatRows, flatRows[0].fittedMean - flatRows[0].halfWidth);
  QVERIFY(!edge.outside && edge.low && edge.calibrated);
  QVERIFY(*edge.low <= *edge.calibrated && (!edge.high || *edge.calibrated <= *edge.high));
}

}  // namespace trust_tests
