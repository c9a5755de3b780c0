#include "gaussian_dataset_plugin.h"

#include <cmath>
#include <random>

namespace {

using miwb::Index;
using miwb::Matrix;

enum class Transform { None, HalfCube, Asinh, NormalCdf };

double apply(Transform t, double v) {
  switch (t) {
    case Transform::None: return v;
    case Transform::HalfCube: return v * std::sqrt(std::fabs(v));
    case Transform::Asinh: return std::asinh(v);
    case Transform::NormalCdf: return 0.5 * std::erfc(-v / std::sqrt(2.0));
  }
  return v;
}

class GaussianPairs final : public miwb::PairSource {
 public:
  GaussianPairs(Index dim, double rho, Transform transform) : dim_(dim), rho_(rho), transform_(transform) {}

  miwb::Status sample(Index n, miwb::RunContext& ctx, miwb::Variable& x, miwb::Variable& y) const override {
    if (n < 1) return miwb::Status::invalidInput("the number of samples must be at least 1");
    std::mt19937_64 rng = ctx.rng();
    std::normal_distribution<double> normal;
    const double noise = std::sqrt(1.0 - rho_ * rho_);
    Matrix mx(n, dim_), my(n, dim_);
    for (Index i = 0; i < n; ++i)
      for (Index j = 0; j < dim_; ++j) {
        const double a = normal(rng), b = normal(rng);
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

 private:
  Index dim_;
  double rho_;
  Transform transform_;
};

}  // namespace

miwb::Status GaussianDatasetPlugin::createPairSource(const std::string&, const miwb::Json& params,
                                                     std::unique_ptr<miwb::PairSource>& out) const {
  const std::string name = params.at("transform").get<std::string>();
  const Transform t = name == "half-cube" ? Transform::HalfCube
                      : name == "asinh"   ? Transform::Asinh
                      : name == "normal-cdf" ? Transform::NormalCdf
                                             : Transform::None;
  out = std::make_unique<GaussianPairs>(params.at("dim").get<Index>(), params.at("rho").get<double>(), t);
  return miwb::Status::ok();
}
