#include "bandwidth.h"

#include <unsupported/Eigen/FFT>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <numbers>

namespace miwb::kdefft {

namespace {

constexpr int kIsjNodes = 1 << 10;
constexpr int kIsjOrder = 7;  // l: the chain starts from the 7th derivative, as Botev et al.

double standardDeviation(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  double mean = 0.0;
  for (double v : values) mean += v;
  mean /= n;
  double sum = 0.0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / (n - 1.0));
}

// The spread of the normal-reference rules: min(sd, IQR / 1.34), or sd when the IQR is 0.
double robustSpread(const std::vector<double>& sorted) {
  const double sd = standardDeviation(sorted);
  const double iqr = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25);
  return iqr > 0.0 ? std::min(sd, iqr / 1.34) : sd;
}

// Botev's chain of plug-in functionals. a2[k - 1] = (a_k / 2)^2 for the DCT coefficients a_k,
// k = 1..n-1; weighted[s][k - 1] = k^(2s) a2 (I = k^2 raised to s), precomputed for s = 2..7.
class IsjFixedPoint {
 public:
  IsjFixedPoint(const std::vector<double>& a2, double samples) : n_(samples) {
    for (int s = 2; s <= kIsjOrder; ++s) {
      std::vector<double>& w = weighted_[static_cast<std::size_t>(s)];
      w.resize(a2.size());
      for (std::size_t k = 1; k <= a2.size(); ++k)
        w[k - 1] = std::pow(static_cast<double>(k) * static_cast<double>(k), s) * a2[k - 1];
    }
  }

  // t - xi gamma^[l](t): negative below the fixed point, positive above it.
  double operator()(double t) const {
    const double pi = std::numbers::pi;
    double f = 2.0 * std::pow(pi, 2 * kIsjOrder) * functional(kIsjOrder, t);
    for (int s = kIsjOrder - 1; s >= 2; --s) {
      double k0 = 1.0;  // (2s - 1)!! / sqrt(2 pi)
      for (int odd = 1; odd <= 2 * s - 1; odd += 2) k0 *= odd;
      k0 /= std::sqrt(2.0 * pi);
      const double c = (1.0 + std::pow(0.5, s + 0.5)) / 3.0;
      const double time = std::pow(2.0 * c * k0 / n_ / f, 2.0 / (3.0 + 2.0 * s));
      f = 2.0 * std::pow(pi, 2 * s) * functional(s, time);
    }
    return t - std::pow(2.0 * n_ * std::sqrt(pi) * f, -0.4);
  }

 private:
  // sum_k k^(2s) a2_k exp(-k^2 pi^2 t); the terms past exp(-745) are 0 in double and stop the sum.
  double functional(int s, double t) const {
    const std::vector<double>& w = weighted_[static_cast<std::size_t>(s)];
    const double rate = std::numbers::pi * std::numbers::pi * t;
    double sum = 0.0;
    for (std::size_t k = 1; k <= w.size(); ++k) {
      const double exponent = static_cast<double>(k) * static_cast<double>(k) * rate;
      if (exponent > 745.0) break;
      sum += w[k - 1] * std::exp(-exponent);
    }
    return sum;
  }

  double n_;
  std::array<std::vector<double>, kIsjOrder + 1> weighted_;
};

// The root of f in [a, b] (f(a) < 0 < f(b)) by the Illinois variant of regula falsi: superlinear, and
// every step keeps the root bracketed.
template <class F>
double bracketedRoot(const F& f, double a, double b, double fa, double fb) {
  double c = b;
  for (int iteration = 0; iteration < 200; ++iteration) {
    c = b - fb * (b - a) / (fb - fa);
    const double fc = f(c);
    if (fc == 0.0 || std::abs(b - a) <= 1e-13 * std::abs(c)) break;
    if ((fc > 0.0) == (fb > 0.0)) {
      fa *= 0.5;  // the end that stays put is weighted down, so it moves next time
    } else {
      a = b;
      fa = fb;
    }
    b = c;
    fb = fc;
    if (std::abs(b - a) <= 1e-13 * std::abs(b)) break;
  }
  return c;
}

}  // namespace

double quantileOfSorted(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

double bandwidthOf(const std::vector<double>& sorted, BandwidthRule rule, int dims) {
  const double n = static_cast<double>(sorted.size());
  const double rate = dims == 1 ? std::pow(n, -0.2) : std::pow(n, -1.0 / 6.0);
  switch (rule) {
    case BandwidthRule::Silverman:
      return (dims == 1 ? 0.9 : 1.0) * robustSpread(sorted) * rate;
    case BandwidthRule::Scott:
      return (dims == 1 ? 1.06 : 1.0) * standardDeviation(sorted) * rate;
    case BandwidthRule::ImprovedSheatherJones:
      return isjBandwidth(sorted);
  }
  return 0.0;
}

double isjBandwidth(const std::vector<double>& sorted) {
  const double range = sorted.back() - sorted.front();
  const double lo = sorted.front() - range / 2.0, meshRange = 2.0 * range;
  const double step = meshRange / (kIsjNodes - 1);
  // Linear binning, normalised to sum 1.
  std::vector<double> bins(kIsjNodes, 0.0);
  for (double v : sorted) {
    const double u = (v - lo) / step;
    const int k = std::clamp(static_cast<int>(u), 0, kIsjNodes - 2);
    const double f = u - k;
    bins[static_cast<std::size_t>(k)] += 1.0 - f;
    bins[static_cast<std::size_t>(k) + 1] += f;
  }
  for (double& b : bins) b /= static_cast<double>(sorted.size());
  // DCT-II by one FFT of the reordered bins (even nodes ascending, then odd nodes descending):
  // a_k = 2 sum_j bins_j cos(pi k (2j + 1) / (2n)) = Re(2 exp(-i pi k / (2n)) FFT_k).
  std::vector<std::complex<double>> reordered(kIsjNodes), spectrum;
  for (int j = 0; j < kIsjNodes / 2; ++j) {
    reordered[static_cast<std::size_t>(j)] = bins[static_cast<std::size_t>(2 * j)];
    reordered[static_cast<std::size_t>(kIsjNodes - 1 - j)] = bins[static_cast<std::size_t>(2 * j + 1)];
  }
  thread_local Eigen::FFT<double> fft;
  fft.fwd(spectrum, reordered);
  std::vector<double> a2(kIsjNodes - 1);
  for (int k = 1; k < kIsjNodes; ++k) {
    const std::complex<double> twiddle = std::polar(2.0, -std::numbers::pi * k / (2.0 * kIsjNodes));
    const double a = (twiddle * spectrum[static_cast<std::size_t>(k)]).real();
    a2[static_cast<std::size_t>(k - 1)] = 0.25 * a * a;
  }
  const IsjFixedPoint fixedPoint(a2, static_cast<double>(sorted.size()));
  const double f0 = fixedPoint(0.0);
  for (double upper : {0.1, 0.2, 0.4, 0.8, 1.0}) {
    const double fUpper = fixedPoint(upper);
    if (f0 < 0.0 && fUpper > 0.0) return std::sqrt(bracketedRoot(fixedPoint, 0.0, upper, f0, fUpper)) * meshRange;
  }
  return bandwidthOf(sorted, BandwidthRule::Silverman, 1);
}

}  // namespace miwb::kdefft
