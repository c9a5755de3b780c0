#include "task_transform.h"

#include <cmath>
#include <numbers>

#include "maps.h"
#include "miwb/numerics/gaussian_maps.h"

namespace miwb::bmi {
namespace {

template <class Fn>
void eachValue(Matrix& m, Fn fn) {
  m = m.unaryExpr(fn);
}

void bimodal(Matrix& m, const NormalMixture& mixture) {
  for (Index r = 0; r < m.rows(); ++r) m(r, 0) = mixture.quantileOfNormal(m(r, 0));
}

}  // namespace

void applyTransform(Transform transform, Matrix& x, Matrix& y) {
  switch (transform) {
    case Transform::None:
      return;
    case Transform::NormalCdf:
      eachValue(x, normalCdf);
      eachValue(y, normalCdf);
      return;
    case Transform::HalfCube:
      eachValue(x, halfCube);
      eachValue(y, halfCube);
      return;
    case Transform::Asinh:
      eachValue(x, [](double t) { return applyGaussianMap(GaussianMap::Asinh, t); });
      eachValue(y, [](double t) { return applyGaussianMap(GaussianMap::Asinh, t); });
      return;
    case Transform::SpiralNormalCdf:
      eachValue(x, normalCdf);
      eachValue(y, normalCdf);
      [[fallthrough]];
    case Transform::Spiral:
      spiral(x, 0, 1);
      spiral(y, 1, 2);
      return;
    case Transform::Wiggly:
      eachValue(x, wigglyX);
      eachValue(y, wigglyY);
      return;
    case Transform::Bimodal:
      bimodal(x, NormalMixture::bimodalX());
      bimodal(y, NormalMixture::bimodalY());
      return;
    case Transform::SwissRollX:
      x = swissRoll(x);
      eachValue(y, normalCdf);
      return;
  }
}

std::optional<double> entropyChange(Transform transform, Index dims, bool standardNormalMarginals) {
  const double d = static_cast<double>(dims);
  switch (transform) {
    case Transform::None:
    case Transform::Spiral:
      return 0.0;
    case Transform::NormalCdf:
    case Transform::SpiralNormalCdf:
      if (!standardNormalMarginals) return std::nullopt;
      return d * expectedLogSlope(GaussianMap::NormalCdf);
    case Transform::HalfCube:
      if (!standardNormalMarginals) return std::nullopt;
      return d * expectedLogSlope(GaussianMap::HalfCube);
    case Transform::Asinh:
      if (!standardNormalMarginals) return std::nullopt;
      return d * expectedLogSlope(GaussianMap::Asinh);
    default:
      return std::nullopt;
  }
}

}  // namespace miwb::bmi
