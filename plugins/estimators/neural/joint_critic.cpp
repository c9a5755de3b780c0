#include "joint_critic.h"

#include <algorithm>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "miwb/nn/init.h"

namespace miwb::neural {

namespace {

// About this many pairs per block: enough work per task, and a block count that depends on K only.
constexpr Index kPairsPerBlock = 256;

std::vector<Index> tailSizes(const CriticShape& shape) {
  std::vector<Index> sizes(shape.hidden.begin(), shape.hidden.end());
  sizes.push_back(1);
  return sizes;
}

}  // namespace

JointCritic::JointCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng)
    : dx_(dx), activation_(shape.activation), tail_(tailSizes(shape), shape.activation) {
  const Index h1 = shape.hidden.front();
  w1_ = Mat::Zero(dx + dy, h1);
  b1_ = Mat::Zero(1, h1);
  nn::glorotUniform(w1_, rng);
  nn::glorotUniform(tail_.layers(), rng);
  dW1_ = Mat::Zero(w1_.rows(), w1_.cols());
  db1_ = Mat::Zero(1, h1);
  tailGrads_ = tail_.zeroLayers();
}

const Mat& JointCritic::forward(const Mat& x, const Mat& y) {
  const Index k = x.rows();
  x_ = x;
  y_ = y;
  a_.noalias() = x * w1_.topRows(dx_);
  b_.noalias() = y * w1_.bottomRows(w1_.rows() - dx_);
  b_.rowwise() += b1_.row(0);
  scores_.resize(k, k);

  const Index anchorsPerBlock = std::max<Index>(1, kPairsPerBlock / k);
  blocks_.resize(static_cast<std::size_t>((k + anchorsPerBlock - 1) / anchorsPerBlock));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks_.size()), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      Block& block = blocks_[c];
      block.firstAnchor = static_cast<Index>(c) * anchorsPerBlock;
      block.anchors = std::min(anchorsPerBlock, k - block.firstAnchor);
      block.pre.resize(block.anchors * k, a_.cols());
      for (Index i = 0; i < block.anchors; ++i)
        block.pre.middleRows(i * k, k) = b_.rowwise() + a_.row(block.firstAnchor + i);
      nn::activate(activation_, block.pre, block.post);
      tail_.forward(block.post, block.trace);
      const Mat& out = block.trace.output();
      for (Index i = 0; i < block.anchors; ++i)
        scores_.row(block.firstAnchor + i) = out.middleRows(i * k, k).transpose();
    }
  });
  return scores_;
}

void JointCritic::backward(const Mat& dScores) {
  const Index k = x_.rows();
  Mat dA(k, a_.cols());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks_.size()), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      Block& block = blocks_[c];
      Mat& dOut = block.dOut;
      Mat& dPost = block.dPost;
      Mat& dPre = block.dPre;
      dOut.resize(block.anchors * k, 1);
      for (Index i = 0; i < block.anchors; ++i)
        dOut.middleRows(i * k, k) = dScores.row(block.firstAnchor + i).transpose();
      if (block.tailGrads.empty()) block.tailGrads = tail_.zeroLayers();
      for (nn::Layer& g : block.tailGrads) {
        g.weights.setZero();
        g.bias.setZero();
      }
      tail_.backward(block.post, block.trace, dOut, block.tailGrads, &dPost);
      nn::activationBackward(activation_, block.pre, block.post, dPost, dPre);
      block.dB.setZero(k, a_.cols());
      for (Index i = 0; i < block.anchors; ++i) {
        const auto pairs = dPre.middleRows(i * k, k);
        dA.row(block.firstAnchor + i) = pairs.colwise().sum();  // each block owns its anchors' rows
        block.dB += pairs;
      }
    }
  });
  // Serial sums in block order: the same result for any number of threads.
  Mat dB = Mat::Zero(k, a_.cols());
  for (nn::Layer& g : tailGrads_) {
    g.weights.setZero();
    g.bias.setZero();
  }
  for (const Block& block : blocks_) {
    dB += block.dB;
    for (std::size_t l = 0; l < block.tailGrads.size(); ++l) {
      tailGrads_[l].weights += block.tailGrads[l].weights;
      tailGrads_[l].bias += block.tailGrads[l].bias;
    }
  }
  dW1_.topRows(dx_).noalias() = x_.transpose() * dA;
  dW1_.bottomRows(w1_.rows() - dx_).noalias() = y_.transpose() * dB;
  db1_ = dB.colwise().sum();
}

std::vector<Mat*> JointCritic::parameters() {
  std::vector<Mat*> out{&w1_, &b1_};
  for (Mat* m : nn::parameterList(tail_.layers())) out.push_back(m);
  return out;
}

std::vector<Mat*> JointCritic::gradients() {
  std::vector<Mat*> out{&dW1_, &db1_};
  for (Mat* m : nn::parameterList(tailGrads_)) out.push_back(m);
  return out;
}

std::vector<Mat*> JointCritic::weightMatrices() {
  std::vector<Mat*> out{&w1_};
  for (nn::Layer& l : tail_.layers()) out.push_back(&l.weights);
  return out;
}

}  // namespace miwb::neural
