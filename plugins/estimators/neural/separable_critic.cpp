#include "separable_critic.h"

#include <tbb/parallel_invoke.h>

#include "miwb/nn/init.h"

namespace miwb::neural {

namespace {

std::vector<Index> towerSizes(Index inputs, const CriticShape& shape) {
  std::vector<Index> sizes{inputs};
  sizes.insert(sizes.end(), shape.hidden.begin(), shape.hidden.end());
  sizes.push_back(shape.embedding);
  return sizes;
}

void zero(std::vector<nn::Layer>& grads) {
  for (nn::Layer& g : grads) {
    g.weights.setZero();
    g.bias.setZero();
  }
}

}  // namespace

SeparableCritic::SeparableCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng)
    : g_(towerSizes(dx, shape), shape.activation), h_(towerSizes(dy, shape), shape.activation) {
  nn::glorotUniform(g_.layers(), rng);
  nn::glorotUniform(h_.layers(), rng);
  gGrads_ = g_.zeroLayers();
  hGrads_ = h_.zeroLayers();
}

const Mat& SeparableCritic::forward(const Mat& x, const Mat& y) {
  // The two towers are independent: run them side by side (each is deterministic on its own).
  tbb::parallel_invoke(
      [&] {
        x_ = x;
        g_.forward(x_, gTrace_);
      },
      [&] {
        y_ = y;
        h_.forward(y_, hTrace_);
      });
  scores_.noalias() = gTrace_.output() * hTrace_.output().transpose();
  return scores_;
}

void SeparableCritic::backward(const Mat& dScores) {
  const Mat& gx = gTrace_.output();
  const Mat& hy = hTrace_.output();
  tbb::parallel_invoke(
      [&] {
        zero(gGrads_);
        const Mat dG = dScores * hy;
        g_.backward(x_, gTrace_, dG, gGrads_, nullptr);
      },
      [&] {
        zero(hGrads_);
        const Mat dH = dScores.transpose() * gx;
        h_.backward(y_, hTrace_, dH, hGrads_, nullptr);
      });
}

std::vector<Mat*> SeparableCritic::parameters() {
  std::vector<Mat*> out = nn::parameterList(g_.layers());
  for (Mat* m : nn::parameterList(h_.layers())) out.push_back(m);
  return out;
}

std::vector<Mat*> SeparableCritic::gradients() {
  std::vector<Mat*> out = nn::parameterList(gGrads_);
  for (Mat* m : nn::parameterList(hGrads_)) out.push_back(m);
  return out;
}

std::vector<Mat*> SeparableCritic::weightMatrices() {
  std::vector<Mat*> out;
  for (nn::Layer& l : g_.layers()) out.push_back(&l.weights);
  for (nn::Layer& l : h_.layers()) out.push_back(&l.weights);
  return out;
}

}  // namespace miwb::neural
