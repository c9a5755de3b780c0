#pragma once
// Adam (Kingma & Ba 2015) with bias correction, minimising: params -= lr * m_hat / (sqrt(v_hat) + eps).
#include <vector>

#include "tensor.h"

namespace miwb::neural {

class Adam {
 public:
  explicit Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
      : lr_(learningRate), beta1_(beta1), beta2_(beta2), eps_(epsilon) {}

  // One step; params and grads are matched by position and keep their shapes between calls.
  void step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads);

 private:
  double lr_, beta1_, beta2_, eps_;
  long long steps_ = 0;
  std::vector<Mat> m_, v_;
};

}  // namespace miwb::neural
