#include "joint_critic.h"

#include <algorithm>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

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
  glorotUniform(w1_, rng);
  tail_.initialise(rng);
  grads_.push_back(Mat::Zero(w1_.rows(), w1_.cols()));
  grads_.push_back(Mat::Zero(1, h1));
  for (Mat& g : tail_.zeroGradients()) grads_.push_back(std::move(g));
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
      activate(activation_, block.pre, block.post);
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
      if (block.tailGrads.empty()) block.tailGrads = tail_.zeroGradients();
      for (Mat& g : block.tailGrads) g.setZero();
      tail_.backward(block.trace, dOut, block.tailGrads, &dPost);
      activationBackward(activation_, block.pre, block.trace.inputs[0], dPost, dPre);
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
  for (std::size_t t = 2; t < grads_.size(); ++t) grads_[t].setZero();
  for (const Block& block : blocks_) {
    dB += block.dB;
    for (std::size_t t = 0; t < block.tailGrads.size(); ++t) grads_[t + 2] += block.tailGrads[t];
  }
  grads_[0].topRows(dx_).noalias() = x_.transpose() * dA;
  grads_[0].bottomRows(w1_.rows() - dx_).noalias() = y_.transpose() * dB;
  grads_[1] = dB.colwise().sum();
}

std::vector<Mat*> JointCritic::parameters() {
  std::vector<Mat*> out{&w1_, &b1_};
  for (Mat& m : tail_.parameters()) out.push_back(&m);
  return out;
}

std::vector<Mat*> JointCritic::gradients() {
  std::vector<Mat*> out;
  for (Mat& m : grads_) out.push_back(&m);
  return out;
}

std::vector<Mat*> JointCritic::weightMatrices() {
  std::vector<Mat*> out{&w1_};
  for (Index l = 0; l < tail_.layers(); ++l) out.push_back(&tail_.weight(l));
  return out;
}

}  // namespace miwb::neural
