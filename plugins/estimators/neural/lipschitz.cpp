#include "lipschitz.h"

namespace miwb::neural {

SpectralProjection::SpectralProjection(std::vector<Mat*> weights)
    : weights_(std::move(weights)) {
  // A fixed start vector: the projection must not consume randomness.
  for (const Mat* w : weights_) right_.push_back(Eigen::VectorXd::Ones(w->cols()).normalized());
}

void SpectralProjection::project(int iterations) {
  for (std::size_t t = 0; t < weights_.size(); ++t) {
    Mat& w = *weights_[t];
    Eigen::VectorXd& v = right_[t];
    Eigen::VectorXd u = w * v;
    for (int it = 0; it < iterations; ++it) {
      v = w.transpose() * u;
      const double vn = v.norm();
      if (vn == 0.0) break;
      v /= vn;
      u = w * v;
    }
    const double sigma = u.norm();
    if (sigma > 1.0) w /= sigma;
  }
}

}  // namespace miwb::neural
