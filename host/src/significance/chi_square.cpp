#include "miwb/host/significance/chi_square.h"

#include <cmath>
#include <limits>

namespace miwb::numerics {
namespace {

constexpr double kEpsilon = 1e-16;
constexpr int kMaxIterations = 100000;

// P(a, x) by its series e^-x x^a / Gamma(a + 1) sum_n x^n / ((a + 1) ... (a + n)), for x < a + 1.
double lowerSeries(double a, double x) {
  double term = 1.0 / a, sum = term;
  for (int n = 1; n < kMaxIterations; ++n) {
    term *= x / (a + n);
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * kEpsilon) break;
  }
  return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Q(a, x) by the continued fraction e^-x x^a / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)),
// evaluated by the modified Lentz method, for x >= a + 1.
double upperFraction(double a, double x) {
  constexpr double tiny = std::numeric_limits<double>::min() / kEpsilon;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

}  // namespace

double upperRegularizedGamma(double a, double x) {
  if (x <= 0.0) return 1.0;
  if (x < a + 1.0) return 1.0 - lowerSeries(a, x);
  return upperFraction(a, x);
}

double chiSquareSurvival(double statistic, double dof) {
  if (!(statistic > 0.0) || !(dof > 0.0)) return 1.0;
  return upperRegularizedGamma(0.5 * dof, 0.5 * statistic);
}

}  // namespace miwb::numerics
