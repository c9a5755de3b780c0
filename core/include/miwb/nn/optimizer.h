#pragma once
// Parameter updates from gradients, both minimising: plain stochastic gradient descent, and Adam
// (Kingma & Ba 2015, Algorithm 1: bias-corrected moments, epsilon added to sqrt(v_hat)).
// Parameters and gradients are matched by position and keep their shapes between steps.
#include <memory>
#include <vector>

#include "miwb/nn/matrix.h"

namespace miwb::nn {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual void step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads) = 0;
  // Everything a later step depends on, flattened, so that a checkpointed run resumes exactly;
  // restore() takes what state() gave for parameters of the same shapes and returns false otherwise.
  virtual std::vector<double> state() const = 0;
  virtual bool restore(const std::vector<double>& state, const std::vector<Mat*>& params) = 0;
};

class Sgd final : public Optimizer {
 public:
  explicit Sgd(double learningRate) : rate_(learningRate) {}
  void step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads) override;
  std::vector<double> state() const override { return {}; }
  bool restore(const std::vector<double>& state, const std::vector<Mat*>&) override { return state.empty(); }

 private:
  double rate_;
};

class Adam final : public Optimizer {
 public:
  explicit Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
      : rate_(learningRate), beta1_(beta1), beta2_(beta2), eps_(epsilon) {}
  void step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads) override;
  // {steps, then per parameter its first moment and its second moment}.
  std::vector<double> state() const override;
  bool restore(const std::vector<double>& state, const std::vector<Mat*>& params) override;

 private:
  double rate_, beta1_, beta2_, eps_;
  long long steps_ = 0;
  std::vector<Mat> first_, second_;
};

}  // namespace miwb::nn
