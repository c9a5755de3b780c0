#pragma once
// f(x, y) = MLP([x, y]) evaluated on all K*K pairs of a batch. The first layer is split,
// W1 [x; y] = W1x x + W1y y, so it costs 2K row products instead of K*K; the remaining layers run
// on the K*K pairs, in fixed blocks of anchor rows that threads take in any order. Each block keeps
// its own gradients and the blocks are summed in block order, so the result does not depend on the
// number of threads.
#include "critic.h"
#include "miwb/nn/mlp.h"

namespace miwb::neural {

class JointCritic final : public Critic {
 public:
  // shape.hidden must not be empty.
  JointCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng);

  const Mat& forward(const Mat& x, const Mat& y) override;
  void backward(const Mat& dScores) override;
  std::vector<Mat*> parameters() override;
  std::vector<Mat*> gradients() override;
  std::vector<Mat*> weightMatrices() override;

 private:
  struct Block {
    Index firstAnchor = 0, anchors = 0;
    Mat pre;  // first-layer pre-activations of the block's pairs, anchor-major
    Mat post;  // their activations, the tail's input
    nn::Trace<Mat> trace;
    std::vector<nn::Layer> tailGrads;
    Mat dB;   // this block's share of the gradient w.r.t. the y half of the first layer
    Mat dOut, dPost, dPre;  // work space, kept so that steps do not reallocate
  };

  // Threads: a critic belongs to one training call. Inside forward() and backward() the block
  // tasks only read the weights, the batch and dScores, and write their own Block and their own
  // rows of scores_ (disjoint); everything else is written between the parallel loops.
  Index dx_;
  Activation activation_;
  Mat w1_, b1_;  // first layer: ((dx + dy) x H1) and (1 x H1)
  nn::Mlp tail_;  // H1 -> remaining hidden layers -> 1
  Mat dW1_, db1_;
  std::vector<nn::Layer> tailGrads_;
  std::vector<Block> blocks_;
  Mat x_, y_, a_, b_;  // the batch and its first-layer halves: a = x W1x, b = y W1y + b1
  Mat scores_;
};

}  // namespace miwb::neural
