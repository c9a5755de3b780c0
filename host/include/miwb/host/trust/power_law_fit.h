#pragma once
// Fits I(N) = I_inf - a N^-b to a scaling curve's means (docs/trust.md), weighted least squares with
// weights 1 / (variance of each mean). For a fixed exponent b the model is linear in (I_inf, a), so
// the fit is a one-dimensional search over b (a log-spaced scan, then golden-section refinement)
// with a 2x2 weighted solve inside.
#include <optional>
#include <vector>

namespace miwb::numerics {

struct PowerLawPoint {
  double n = 0;
  double mean = 0;
  double weight = 1;  // 1 / variance of the mean
};

struct PowerLawFit {
  double limit = 0;     // I_inf
  double amplitude = 0; // a
  double exponent = 0;  // b
  double residual = 0;  // weighted sum of squared residuals
  double at(double n) const;
};

// The exponent is searched in [kMinExponent, kMaxExponent], a prior range: estimators' biases decay
// like N^-1 (plug-in, Gaussian) down to N^-2/d (kNN in d joint dims, 0.1 at d = 20). An exponent at
// the lower end means the data cannot tell a slow approach from an offset, so I_inf is not to be
// trusted; one at the upper end means the curve is flat within its noise (I_inf is then about the
// mean at the largest N).
inline constexpr double kMinExponent = 0.05;
inline constexpr double kMaxExponent = 2.0;

// nullopt with fewer than 3 distinct sample sizes (three parameters).
std::optional<PowerLawFit> fitPowerLaw(const std::vector<PowerLawPoint>& points);

}  // namespace miwb::numerics
