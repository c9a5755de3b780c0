#include "miwb/nn/optimizer.h"

#include <algorithm>
#include <cmath>

namespace miwb::nn {

void Sgd::step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads) {
  for (std::size_t t = 0; t < params.size(); ++t) *params[t] -= rate_ * *grads[t];
}

void Adam::step(const std::vector<Mat*>& params, const std::vector<Mat*>& grads) {
  if (first_.empty()) {
    for (const Mat* p : params) {
      first_.push_back(Mat::Zero(p->rows(), p->cols()));
      second_.push_back(Mat::Zero(p->rows(), p->cols()));
    }
  }
  ++steps_;
  const double c1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
  const double c2 = 1.0 - std::pow(beta2_, static_cast<double>(steps_));
  for (std::size_t t = 0; t < params.size(); ++t) {
    const Mat& g = *grads[t];
    first_[t] = beta1_ * first_[t] + (1.0 - beta1_) * g;
    second_[t] = beta2_ * second_[t] + (1.0 - beta2_) * g.cwiseProduct(g);
    params[t]->array() -= rate_ * (first_[t].array() / c1) / ((second_[t].array() / c2).sqrt() + eps_);
  }
}

std::vector<double> Adam::state() const {
  std::vector<double> out{static_cast<double>(steps_)};  // exact: far below 2^53
  for (std::size_t t = 0; t < first_.size(); ++t) {
    out.insert(out.end(), first_[t].data(), first_[t].data() + first_[t].size());
    out.insert(out.end(), second_[t].data(), second_[t].data() + second_[t].size());
  }
  return out;
}

bool Adam::restore(const std::vector<double>& state, const std::vector<Mat*>& params) {
  if (state.empty()) return false;
  std::vector<Mat> first, second;
  std::size_t at = 1;
  auto take = [&](const Mat& shape, std::vector<Mat>& into) {
    const auto size = static_cast<std::size_t>(shape.size());
    if (at + size > state.size()) return false;
    Mat m(shape.rows(), shape.cols());
    std::copy(state.begin() + static_cast<std::ptrdiff_t>(at), state.begin() + static_cast<std::ptrdiff_t>(at + size), m.data());
    at += size;
    into.push_back(std::move(m));
    return true;
  };
  const auto steps = static_cast<long long>(state[0]);
  if (steps > 0)
    for (const Mat* p : params)
      if (!take(*p, first) || !take(*p, second)) return false;
  if (at != state.size()) return false;
  steps_ = steps;
  first_ = std::move(first);
  second_ = std::move(second);
  return true;
}

}  // namespace miwb::nn
