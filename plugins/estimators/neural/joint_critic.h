#pragma once
// f(x, y) = MLP([x, y]) evaluated on all K*K pairs of a batch. The first layer is split,
// W1 [x; y] = W1x x + W1y y, so it costs 2K row products instead of K*K; the rest runs in the pair
// kernels (pair_network.h), which recompute each tile's hidden values in backward() rather than
// store them. Anchors are cut into a fixed number of chunks that threads take in any order; each
// chunk keeps its own gradient sums, added in chunk order, so the result does not depend on the
// number of threads.
#include "critic.h"
#include "miwb/nn/mlp.h"
#include "pair_network.h"

namespace miwb::neural {

class JointCritic final : public Critic {
 public:
  // shape.hidden must not be empty.
  JointCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng);

  // Bytes a batch of K takes beyond the parameters: the K x K scores, their gradient and the
  // bound's work space, and every anchor chunk's sums over the y's (H1 x K each).
  static double workBytes(Index k, Index h1);

  const Mat& forward(const Mat& x, const Mat& y) override;
  void backward(const Mat& dScores) override;
  std::vector<Mat*> parameters() override;
  std::vector<Mat*> gradients() override;
  std::vector<Mat*> weightMatrices() override;

 private:
  // The pair kernels' network and per-chunk sums, in the arithmetic the critic was asked for.
  template <class T>
  struct Pairs {
    PairNetwork<T> net;
    std::vector<PairGradients<T>> chunks;
  };
  template <class T>
  void load(Pairs<T>& pairs, const Mat& a, const Mat& b);
  template <class T>
  void forwardPairs(const Pairs<T>& pairs);
  template <class T>
  void backwardPairs(Pairs<T>& pairs, const Mat& dScores);

  // Threads: a critic belongs to one training call. Inside forward() and backward() the chunk
  // tasks only read the pairs' network and dScores, and write their own chunk sums and their own anchors'
  // rows of scores_ and da_ (disjoint); everything else is written outside the parallel loops.
  Index dx_;
  Precision precision_;
  Mat w1_, b1_;   // first layer: ((dx + dy) x H1) and (1 x H1)
  nn::Mlp tail_;  // H1 -> remaining hidden layers -> 1
  Mat dW1_, db1_;
  std::vector<nn::Layer> tailGrads_;
  Mat x_, y_, scores_;
  Pairs<double> pairs64_;
  Pairs<float> pairs32_;
  std::vector<double> da_;  // K x H1 row-major
};

}  // namespace miwb::neural
