#include "gradient_check.h"

#include <algorithm>
#include <cmath>

using miwb::neural::Index;
using miwb::neural::Mat;

namespace {

// Step for central differences: truncation error ~h^2 and round-off ~1e-16/h are both ~1e-10.
constexpr double kStep = 1e-5;

double relativeError(double analytic, double numeric) {
  return std::fabs(analytic - numeric) / std::max(1.0, std::fabs(numeric));
}

}  // namespace

double criticGradientError(miwb::neural::Critic& critic, const Mat& x, const Mat& y, const Mat& weights) {
  auto loss = [&] { return critic.forward(x, y).cwiseProduct(weights).sum(); };
  loss();
  critic.backward(weights);
  std::vector<Mat> analytic;
  for (Mat* g : critic.gradients()) analytic.push_back(*g);
  double worst = 0.0;
  std::vector<Mat*> params = critic.parameters();
  for (std::size_t t = 0; t < params.size(); ++t)
    for (Index i = 0; i < params[t]->size(); ++i) {
      double& p = params[t]->data()[i];
      const double saved = p;
      p = saved + kStep;
      const double up = loss();
      p = saved - kStep;
      const double down = loss();
      p = saved;
      worst = std::max(worst, relativeError(analytic[t].data()[i], (up - down) / (2 * kStep)));
    }
  return worst;
}

double scoreGradientError(const std::function<double(const Mat&)>& value, const Mat& scores, const Mat& analytic) {
  double worst = 0.0;
  Mat f = scores;
  for (Index i = 0; i < f.size(); ++i) {
    const double saved = f.data()[i];
    f.data()[i] = saved + kStep;
    const double up = value(f);
    f.data()[i] = saved - kStep;
    const double down = value(f);
    f.data()[i] = saved;
    worst = std::max(worst, relativeError(analytic.data()[i], (up - down) / (2 * kStep)));
  }
  return worst;
}
