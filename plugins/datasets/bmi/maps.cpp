#include "maps.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "miwb/numerics/gaussian_maps.h"

namespace miwb::bmi {
namespace {

double normalDensity(double t) { return std::exp(-0.5 * t * t) / std::sqrt(2.0 * std::numbers::pi); }

}  // namespace

double normalCdf(double t) { return applyGaussianMap(GaussianMap::NormalCdf, t); }
double halfCube(double t) { return applyGaussianMap(GaussianMap::HalfCube, t); }
double wigglyX(double t) {
  return t + 0.4 * std::sin(t) + 0.2 * std::sin(1.7 * t + 1.0) + 0.03 * std::sin(3.3 * t - 2.5);
}
double wigglyY(double t) {
  return t - 0.4 * std::sin(0.4 * t) + 0.17 * std::sin(1.3 * t + 3.5) + 0.02 * std::sin(4.3 * t - 2.5);
}

NormalMixture::NormalMixture(std::vector<Component> components) : components_(std::move(components)) {}
NormalMixture NormalMixture::bimodalX() { return NormalMixture({{0.3, 0.0}, {0.7, 5.0}}); }
NormalMixture NormalMixture::bimodalY() { return NormalMixture({{0.5, -1.0}, {0.5, 3.0}}); }

double NormalMixture::cdf(double x) const {
  double sum = 0.0;
  for (const auto& c : components_) sum += c.weight * normalCdf(x - c.mean);
  return sum;
}

NormalMixture NormalMixture::mirrored() const {
  std::vector<Component> flipped;
  for (const auto& c : components_) flipped.push_back({c.weight, -c.mean});
  return NormalMixture(std::move(flipped));
}

// In the upper tail, 1 - F(x) = F~(-x) for the mirrored mixture F~, and 1 - Phi(t) = Phi(-t).
double NormalMixture::quantileOfNormal(double t) const {
  return t <= 0.0 ? solveLowerTail(t) : -mirrored().solveLowerTail(-t);
}

double NormalMixture::solveLowerTail(double t) const {
  double lowMean = components_.front().mean, highMean = lowMean;
  for (const auto& c : components_) {
    lowMean = std::min(lowMean, c.mean);
    highMean = std::max(highMean, c.mean);
  }
  // Phi(x - highMean) <= F(x) <= Phi(x - lowMean), so the root lies in [t + lowMean, t + highMean].
  double lo = t + lowMean, hi = t + highMean;
  const double target = normalCdf(t);
  if (target <= 0.0) return lo;  // beyond t = -37 Phi underflows; the lightest-mean component rules there
  double x = 0.5 * (lo + hi);
  // Newton steps on the increasing F, kept inside a shrinking bracket (bisection when they leave it).
  for (int iteration = 0; iteration < 200 && hi - lo > 1e-15 * (1.0 + std::fabs(x)); ++iteration) {
    const double f = cdf(x) - target;
    if (f == 0.0) return x;
    (f < 0.0 ? lo : hi) = x;
    double slope = 0.0;
    for (const auto& c : components_) slope += c.weight * normalDensity(x - c.mean);
    const double newton = x - f / slope;
    const double next = (slope > 0.0 && newton > lo && newton < hi) ? newton : 0.5 * (lo + hi);
    if (std::fabs(next - x) <= 1e-15 * (1.0 + std::fabs(x))) return next;
    x = next;
  }
  return x;
}

void spiral(Matrix& m, Index i, Index j) {
  const double dims = static_cast<double>(m.cols());
  for (Index r = 0; r < m.rows(); ++r) {
    const double theta = m.row(r).squaredNorm() / dims;
    const double c = std::cos(theta), s = std::sin(theta);
    const double a = m(r, i), b = m(r, j);
    m(r, i) = c * a - s * b;
    m(r, j) = s * a + c * b;
  }
}

Matrix swissRoll(const Matrix& x) {
  Matrix out(x.rows(), 2);
  for (Index r = 0; r < x.rows(); ++r) {
    const double t = 1.5 * std::numbers::pi * (1.0 + 2.0 * normalCdf(x(r, 0)));
    out(r, 0) = t * std::cos(t) / 21.0;
    out(r, 1) = t * std::sin(t) / 21.0;
  }
  return out;
}

}  // namespace miwb::bmi
