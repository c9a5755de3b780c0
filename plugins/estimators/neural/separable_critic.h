#pragma once
// f(x, y) = g(x)^T h(y) with two networks g and h that embed x and y. A batch costs 2K network
// passes and one K x K product, so this critic is the fast default.
#include "critic.h"
#include "miwb/nn/mlp.h"

namespace miwb::neural {

class SeparableCritic final : public Critic {
 public:
  SeparableCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng);

  const Mat& forward(const Mat& x, const Mat& y) override;
  void backward(const Mat& dScores) override;
  std::vector<Mat*> parameters() override;
  std::vector<Mat*> gradients() override;
  std::vector<Mat*> weightMatrices() override;

 private:
  // Threads: a critic belongs to one training call. The two parallel halves of forward() and
  // backward() touch disjoint members: g_, x_, gTrace_, gGrads_ on one side, h_, y_, hTrace_,
  // hGrads_ on the other (nn::Mlp::forward/backward are const); scores_ is written after both end.
  nn::Mlp g_, h_;
  std::vector<nn::Layer> gGrads_, hGrads_;
  Mat x_, y_;  // the batch of the last forward()
  nn::Trace<Mat> gTrace_, hTrace_;
  Mat scores_;
};

}  // namespace miwb::neural
