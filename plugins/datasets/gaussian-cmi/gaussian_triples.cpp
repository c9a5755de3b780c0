#include "gaussian_triples.h"

#include <cmath>
#include <numbers>

#include "miwb/random.h"

namespace miwb::gaussian_cmi {

TripleCorrelations tripleCorrelations(const TripleSpec& spec) {
  const double c = spec.rhoXz, f = spec.through, a = std::sqrt(spec.strength);
  // sd of S = (1 - f) X + f Z, > 0 for |c| < 1.
  const double sdS = std::sqrt((1 - f) * (1 - f) + f * f + 2 * f * (1 - f) * c);
  TripleCorrelations out;
  out.wx = a * (1 - f) / sdS;
  out.wz = a * f / sdS;
  out.xz = c;
  out.xy = out.wx + out.wz * c;
  out.yz = out.wx * c + out.wz;
  // (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2)); the numerator is wx (1 - c^2), written so
  // that it is exactly 0 on the Markov chain (wx = 0).
  out.partialXyGivenZ = out.wx * std::sqrt(1 - c * c) / std::sqrt(1 - out.yz * out.yz);
  return out;
}

miwb::Status GaussianTriples::sampleConditioned(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y,
                                                miwb::Variable& z) const {
  if (n < 1) return miwb::Status::invalidInput("the number of samples must be at least 1");
  miwb::Random rng = ctx.random();
  const double zNoise = std::sqrt(1 - corr_.xz * corr_.xz), yNoise = std::sqrt(1 - spec_.strength);
  const Index d = spec_.dim;
  miwb::Matrix mx(n, d), my(n, d), mz(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) {
      const double xv = rng.normal(), u = rng.normal(), e = rng.normal();
      const double zv = corr_.xz * xv + zNoise * u;
      mx(i, j) = xv;
      mz(i, j) = zv;
      my(i, j) = corr_.wx * xv + corr_.wz * zv + yNoise * e;
    }
  if (spec_.map) {
    const miwb::GaussianMap map = *spec_.map;
    const auto apply = [map](double t) { return miwb::applyGaussianMap(map, t); };
    mx = mx.unaryExpr(apply);
    my = my.unaryExpr(apply);
    mz = mz.unaryExpr(apply);
  }
  x = miwb::Variable::continuous(std::move(mx));
  y = miwb::Variable::continuous(std::move(my));
  z = miwb::Variable::continuous(std::move(mz));
  return miwb::Status::ok();
}

miwb::Status GaussianTriples::sample(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y) const {
  miwb::Variable z;
  return sampleConditioned(n, ctx, x, y, z);
}

std::optional<double> GaussianTriples::trueMutualInformation() const {
  return -0.5 * static_cast<double>(spec_.dim) * std::log1p(-corr_.xy * corr_.xy);
}

std::optional<double> GaussianTriples::trueConditionalMutualInformation() const {
  return -0.5 * static_cast<double>(spec_.dim) * std::log1p(-corr_.partialXyGivenZ * corr_.partialXyGivenZ);
}

std::optional<double> GaussianTriples::trueEntropy(miwb::PairSide) const {
  const double slope = spec_.map ? miwb::expectedLogSlope(*spec_.map) : 0.0;
  return static_cast<double>(spec_.dim) * (0.5 * std::log(2.0 * std::numbers::pi * std::numbers::e) + slope);
}

}  // namespace miwb::gaussian_cmi
