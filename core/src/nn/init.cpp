#include "miwb/nn/init.h"

#include <cmath>

namespace miwb::nn {

void glorotUniform(Mat& w, miwb::Random& rng) {
  const double limit = std::sqrt(6.0 / static_cast<double>(w.rows() + w.cols()));
  fillColumnMajor(w, [&] { return limit * (2.0 * rng.uniform() - 1.0); });
}

void glorotUniform(std::vector<Layer>& layers, miwb::Random& rng) {
  for (Layer& layer : layers) {
    glorotUniform(layer.weights, rng);
    layer.bias.setZero();
  }
}

void truncatedNormal(Mat& w, miwb::Random& rng) {
  const double scale = std::sqrt(static_cast<double>(w.rows()));
  fillColumnMajor(w, [&] {
    double v;
    do v = rng.normal();
    while (std::fabs(v) > 2.0);
    return v / scale;
  });
}

}  // namespace miwb::nn
