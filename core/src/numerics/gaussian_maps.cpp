#include "miwb/numerics/gaussian_maps.h"

#include <cmath>
#include <numbers>

namespace miwb {

double applyGaussianMap(GaussianMap map, double t) {
  switch (map) {
    case GaussianMap::HalfCube: return t * std::sqrt(std::fabs(t));
    case GaussianMap::Asinh: return std::asinh(t);
    case GaussianMap::NormalCdf: return 0.5 * std::erfc(-t / std::numbers::sqrt2);
  }
  return t;
}

double expectedLogSlope(GaussianMap map) {
  constexpr double kEulerGamma = 0.57721566490153286061;
  switch (map) {
    // f' = 1.5 |z|^(1/2), and E[ln |Z|] = -(gamma + ln 2) / 2.
    case GaussianMap::HalfCube: return std::log(1.5) - 0.25 * (kEulerGamma + std::numbers::ln2);
    // f' = phi(z): E[ln phi(Z)] = -ln(2 pi) / 2 - 1 / 2, so Phi(Z), uniform on [0, 1], has entropy 0.
    case GaussianMap::NormalCdf: return -0.5 * std::log(2.0 * std::numbers::pi) - 0.5;
    case GaussianMap::Asinh: {
      // f' = (1 + z^2)^(-1/2): -E[ln(1 + Z^2)] / 2 has no closed form. Composite Simpson on
      // [-12, 12], where the normal density beyond is below 1e-31: error far below 1e-12.
      constexpr int kIntervals = 4800;
      constexpr double kEdge = 12.0;
      const double h = 2.0 * kEdge / kIntervals;
      double sum = 0.0;
      for (int i = 0; i <= kIntervals; ++i) {
        const double z = -kEdge + i * h;
        const double weight = (i == 0 || i == kIntervals) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        sum += weight * std::exp(-0.5 * z * z) * std::log1p(z * z);
      }
      return -0.5 * (sum * h / 3.0) / std::sqrt(2.0 * std::numbers::pi);
    }
  }
  return 0.0;
}

}  // namespace miwb
