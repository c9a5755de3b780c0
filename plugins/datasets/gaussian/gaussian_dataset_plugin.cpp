#include "gaussian_dataset_plugin.h"

#include <cmath>
#include <optional>

#include "miwb/numerics/gaussian_maps.h"
#include "miwb/param_reader.h"
#include "miwb/random.h"

namespace miwb::gaussian_dataset {

namespace {

using miwb::Index;
using miwb::Matrix;

// The map applied to every coordinate, if any (numerics/gaussian_maps.h).
using Transform = std::optional<miwb::GaussianMap>;

double apply(const Transform& t, double v) { return t ? miwb::applyGaussianMap(*t, v) : v; }

// What the map adds to each coordinate's differential entropy (the MI does not change).
double expectedLogSlope(const Transform& t) { return t ? miwb::expectedLogSlope(*t) : 0.0; }

class GaussianPairs final : public miwb::PairSource {
 public:
  GaussianPairs(Index dim, double rho, Transform transform) : dim_(dim), rho_(rho), transform_(transform) {}

  miwb::Status sample(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y) const override {
    if (n < 1) return miwb::Status::invalidInput("the number of samples must be at least 1");
    miwb::Random rng = ctx.random();
    const double noise = std::sqrt(1.0 - rho_ * rho_);
    Matrix mx(n, dim_), my(n, dim_);
    for (Index i = 0; i < n; ++i)
      for (Index j = 0; j < dim_; ++j) {
        const double a = rng.normal(), b = rng.normal();
        mx(i, j) = apply(transform_, a);
        my(i, j) = apply(transform_, rho_ * a + noise * b);
      }
    x = miwb::Variable::continuous(std::move(mx));
    y = miwb::Variable::continuous(std::move(my));
    return miwb::Status::ok();
  }

  std::optional<double> trueMutualInformation() const override {
    return -0.5 * static_cast<double>(dim_) * std::log1p(-rho_ * rho_);
  }

  // Both X and Y have standard normal coordinates before the transform.
  std::optional<double> trueEntropy(miwb::PairSide) const override {
    return static_cast<double>(dim_) * (0.5 * std::log(2.0 * M_PI * M_E) + expectedLogSlope(transform_));
  }

 private:
  Index dim_;
  double rho_;
  Transform transform_;
};

}  // namespace

miwb::Status GaussianDatasetPlugin::createPairSource(const std::string& datasetId, const miwb::Json& params,
                                                     std::unique_ptr<miwb::PairSource>& out) const {
  miwb::ParamReader read(params, datasetId);
  const Index dim = read.get<Index>("dim");
  const double rho = read.get<double>("rho");
  const Transform t = read.choice<Transform>("transform", {{"none", std::nullopt},
                                                           {"half-cube", miwb::GaussianMap::HalfCube},
                                                           {"asinh", miwb::GaussianMap::Asinh},
                                                           {"normal-cdf", miwb::GaussianMap::NormalCdf}});
  MIWB_TRY(read.status());
  out = std::make_unique<GaussianPairs>(dim, rho, t);
  return miwb::Status::ok();
}

}  // namespace miwb::gaussian_dataset
