#include "gaussian_dataset_plugin.h"

#include <cmath>

#include "miwb/param_reader.h"
#include "miwb/random.h"

namespace miwb::gaussian_dataset {

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

// E[ln f'(Z)] for Z ~ N(0, 1): what the transform f adds to each coordinate's differential entropy,
// H(f(Z)) = H(Z) + E[ln f'(Z)] for an increasing f (the MI, in contrast, does not change).
double expectedLogSlope(Transform t) {
  constexpr double kEulerGamma = 0.57721566490153286061;
  switch (t) {
    case Transform::None: return 0.0;
    // f' = 1.5 |z|^(1/2), and E[ln |Z|] = -(gamma + ln 2) / 2.
    case Transform::HalfCube: return std::log(1.5) - 0.25 * (kEulerGamma + std::log(2.0));
    // f' = phi(z): E[ln phi(Z)] = -ln(2 pi) / 2 - 1 / 2, so Phi(Z), uniform on [0, 1], has entropy 0.
    case Transform::NormalCdf: return -0.5 * std::log(2.0 * M_PI) - 0.5;
    case Transform::Asinh: {
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
      return -0.5 * (sum * h / 3.0) / std::sqrt(2.0 * M_PI);
    }
  }
  return 0.0;
}

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
  const Transform t = read.choice<Transform>("transform", {{"none", Transform::None},
                                                           {"half-cube", Transform::HalfCube},
                                                           {"asinh", Transform::Asinh},
                                                           {"normal-cdf", Transform::NormalCdf}});
  MIWB_TRY(read.status());
  out = std::make_unique<GaussianPairs>(dim, rho, t);
  return miwb::Status::ok();
}

}  // namespace miwb::gaussian_dataset
