#pragma once
// Initial weights. Every initialiser fills a (fanIn x fanOut) matrix column by column, one draw per
// entry: that order is part of what a seed means, so it never changes.
#include <vector>

#include "miwb/nn/matrix.h"
#include "miwb/nn/mlp.h"
#include "miwb/random.h"

namespace miwb::nn {

// Fills w column by column with draw().
template <class Draw>
void fillColumnMajor(Mat& w, Draw&& draw) {
  for (Index j = 0; j < w.cols(); ++j)
    for (Index i = 0; i < w.rows(); ++i) w(i, j) = draw();
}

// Glorot & Bengio's uniform on [-r, r], r = sqrt(6 / (fanIn + fanOut)), drawn as r (2u - 1).
void glorotUniform(Mat& w, miwb::Random& rng);

// Every layer's weights by glorotUniform, in layer order, and zero biases.
void glorotUniform(std::vector<Layer>& layers, miwb::Random& rng);

// A normal with sd 1/sqrt(fanIn), redrawn until within 2 sd (TensorFlow's truncated_normal).
void truncatedNormal(Mat& w, miwb::Random& rng);

}  // namespace miwb::nn
