#include "miwb/host/trust/power_law_fit.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace miwb::numerics {
namespace {

// The weighted linear fit of y = c + s u with u = N^-b; a = -s.
PowerLawFit fitAt(const std::vector<PowerLawPoint>& points, double b) {
  double sw = 0, su = 0, sy = 0, suu = 0, suy = 0;
  for (const auto& p : points) {
    const double u = std::pow(p.n, -b);
    sw += p.weight;
    su += p.weight * u;
    sy += p.weight * p.mean;
    suu += p.weight * u * u;
    suy += p.weight * u * p.mean;
  }
  const double det = sw * suu - su * su;
  PowerLawFit fit;
  fit.exponent = b;
  if (det <= 1e-300 * sw * suu) {  // all u equal (b so small that N^-b is flat): an offset only
    fit.limit = sy / sw;
    fit.amplitude = 0;
  } else {
    const double slope = (sw * suy - su * sy) / det;
    fit.limit = (sy - slope * su) / sw;
    fit.amplitude = -slope;
  }
  for (const auto& p : points) {
    const double r = p.mean - fit.at(p.n);
    fit.residual += p.weight * r * r;
  }
  return fit;
}

}  // namespace

double PowerLawFit::at(double n) const { return limit - amplitude * std::pow(n, -exponent); }

std::optional<PowerLawFit> fitPowerLaw(const std::vector<PowerLawPoint>& points) {
  std::set<double> sizes;
  for (const auto& p : points) sizes.insert(p.n);
  if (sizes.size() < 3) return std::nullopt;
  // The scan brackets the best exponent; the residual is smooth in b, golden section refines it.
  constexpr int kScan = 120;
  const double logLo = std::log(kMinExponent), logHi = std::log(kMaxExponent);
  auto exponentAt = [&](int i) { return std::exp(logLo + (logHi - logLo) * i / kScan); };
  int best = 0;
  double bestResidual = HUGE_VAL;
  for (int i = 0; i <= kScan; ++i) {
    const double r = fitAt(points, exponentAt(i)).residual;
    if (r < bestResidual) {
      bestResidual = r;
      best = i;
    }
  }
  double lo = exponentAt(std::max(0, best - 1)), hi = exponentAt(std::min(kScan, best + 1));
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  double f1 = fitAt(points, x1).residual, f2 = fitAt(points, x2).residual;
  for (int i = 0; i < 80 && hi - lo > 1e-10 * hi; ++i) {
    if (f1 < f2) {
      hi = x2, x2 = x1, f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = fitAt(points, x1).residual;
    } else {
      lo = x1, x1 = x2, f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = fitAt(points, x2).residual;
    }
  }
  PowerLawFit fit = fitAt(points, (lo + hi) / 2);
  const PowerLawFit scanned = fitAt(points, exponentAt(best));
  return scanned.residual < fit.residual ? scanned : fit;
}

}  // namespace miwb::numerics
