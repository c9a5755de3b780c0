#include "separable_critic.h"

#include <tbb/parallel_invoke.h>

namespace miwb::neural {

namespace {

std::vector<Index> towerSizes(Index inputs, const CriticShape& shape) {
  std::vector<Index> sizes{inputs};
  sizes.insert(sizes.end(), shape.hidden.begin(), shape.hidden.end());
  sizes.push_back(shape.embedding);
  return sizes;
}

}  // namespace

SeparableCritic::SeparableCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng)
    : g_(towerSizes(dx, shape), shape.activation), h_(towerSizes(dy, shape), shape.activation) {
  g_.initialise(rng);
  h_.initialise(rng);
  gGrads_ = g_.zeroGradients();
  hGrads_ = h_.zeroGradients();
}

const Mat& SeparableCritic::forward(const Mat& x, const Mat& y) {
  // The two towers are independent: run them side by side (each is deterministic on its own).
  tbb::parallel_invoke([&] { g_.forward(x, gTrace_); }, [&] { h_.forward(y, hTrace_); });
  scores_.noalias() = gTrace_.output() * hTrace_.output().transpose();
  return scores_;
}

void SeparableCritic::backward(const Mat& dScores) {
  const Mat& gx = gTrace_.output();
  const Mat& hy = hTrace_.output();
  tbb::parallel_invoke(
      [&] {
        for (Mat& m : gGrads_) m.setZero();
        const Mat dG = dScores * hy;
        g_.backward(gTrace_, dG, gGrads_, nullptr);
      },
      [&] {
        for (Mat& m : hGrads_) m.setZero();
        const Mat dH = dScores.transpose() * gx;
        h_.backward(hTrace_, dH, hGrads_, nullptr);
      });
}

std::vector<Mat*> SeparableCritic::parameters() {
  std::vector<Mat*> out;
  for (Mat& m : g_.parameters()) out.push_back(&m);
  for (Mat& m : h_.parameters()) out.push_back(&m);
  return out;
}

std::vector<Mat*> SeparableCritic::gradients() {
  std::vector<Mat*> out;
  for (Mat& m : gGrads_) out.push_back(&m);
  for (Mat& m : hGrads_) out.push_back(&m);
  return out;
}

std::vector<Mat*> SeparableCritic::weightMatrices() {
  std::vector<Mat*> out;
  for (Index l = 0; l < g_.layers(); ++l) out.push_back(&g_.weight(l));
  for (Index l = 0; l < h_.layers(); ++l) out.push_back(&h_.weight(l));
  return out;
}

}  // namespace miwb::neural
