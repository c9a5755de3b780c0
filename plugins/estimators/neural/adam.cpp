#include "adam.h"

#include <cmath>

namespace miwb::neural {

void Adam::step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads) {
  if (m_.empty()) {
    for (const Mat* p : params) {
      m_.push_back(Mat::Zero(p->rows(), p->cols()));
      v_.push_back(Mat::Zero(p->rows(), p->cols()));
    }
  }
  ++steps_;
  const double c1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
  const double c2 = 1.0 - std::pow(beta2_, static_cast<double>(steps_));
  for (std::size_t t = 0; t < params.size(); ++t) {
    const Mat& g = *grads[t];
    m_[t] = beta1_ * m_[t] + (1.0 - beta1_) * g;
    v_[t] = beta2_ * v_[t] + (1.0 - beta2_) * g.cwiseProduct(g);
    params[t]->array() -= lr_ * (m_[t].array() / c1) / ((v_[t].array() / c2).sqrt() + eps_);
  }
}

}  // namespace miwb::neural
