#include "optimizer.h"

#include <cmath>

namespace miwb::mlp_training {

namespace {

class Sgd final : public Optimizer {
 public:
  explicit Sgd(double learningRate) : rate_(learningRate) {}
  void step(std::vector<Layer>& layers, const Gradients& grads) override {
    for (std::size_t l = 0; l < layers.size(); ++l) {
      layers[l].weights -= rate_ * grads.weights[l];
      layers[l].bias -= rate_ * grads.bias[l];
    }
  }

 private:
  double rate_;
};

class Adam final : public Optimizer {
 public:
  explicit Adam(double learningRate) : rate_(learningRate) {}

  void step(std::vector<Layer>& layers, const Gradients& grads) override {
    if (moments_.empty()) {
      for (const Layer& layer : layers)
        moments_.push_back({Eigen::MatrixXd::Zero(layer.weights.rows(), layer.weights.cols()),
                            Eigen::MatrixXd::Zero(layer.weights.rows(), layer.weights.cols()),
                            Eigen::RowVectorXd::Zero(layer.bias.size()), Eigen::RowVectorXd::Zero(layer.bias.size())});
    }
    ++t_;
    const double correction1 = 1.0 - std::pow(kBeta1, static_cast<double>(t_));
    const double correction2 = 1.0 - std::pow(kBeta2, static_cast<double>(t_));
    for (std::size_t l = 0; l < layers.size(); ++l) {
      Moments& m = moments_[l];
      update(layers[l].weights, grads.weights[l], m.firstW, m.secondW, correction1, correction2);
      update(layers[l].bias, grads.bias[l], m.firstB, m.secondB, correction1, correction2);
    }
  }

 private:
  static constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEpsilon = 1e-8;

  struct Moments {
    Eigen::MatrixXd firstW, secondW;
    Eigen::RowVectorXd firstB, secondB;
  };

  template <class P, class G>
  void update(P& param, const G& grad, P& first, P& second, double correction1, double correction2) const {
    first = kBeta1 * first + (1.0 - kBeta1) * grad;
    second = kBeta2 * second + (1.0 - kBeta2) * grad.array().square().matrix();
    param.array() -= rate_ * (first.array() / correction1) / ((second.array() / correction2).sqrt() + kEpsilon);
  }

 public:
  std::vector<double> state() const override {
    std::vector<double> out{static_cast<double>(t_)};  // exact: t stays far below 2^53
    auto append = [&out](const auto& m) { out.insert(out.end(), m.data(), m.data() + m.size()); };
    for (const Moments& m : moments_) {
      append(m.firstW);
      append(m.secondW);
      append(m.firstB);
      append(m.secondB);
    }
    return out;
  }

  bool restore(const std::vector<double>& state, const std::vector<Layer>& layers) override {
    if (state.empty()) return false;
    std::vector<Moments> moments;
    std::size_t at = 1;
    auto take = [&](auto& m, Eigen::Index rows, Eigen::Index cols) {
      m.resize(rows, cols);
      if (at + static_cast<std::size_t>(m.size()) > state.size()) return false;
      std::copy(state.begin() + static_cast<std::ptrdiff_t>(at), state.begin() + static_cast<std::ptrdiff_t>(at + m.size()), m.data());
      at += static_cast<std::size_t>(m.size());
      return true;
    };
    const long long t = static_cast<long long>(state[0]);
    if (t > 0)
      for (const Layer& layer : layers) {
        Moments m;
        if (!take(m.firstW, layer.weights.rows(), layer.weights.cols()) ||
            !take(m.secondW, layer.weights.rows(), layer.weights.cols()) || !take(m.firstB, 1, layer.bias.size()) ||
            !take(m.secondB, 1, layer.bias.size()))
          return false;
        moments.push_back(std::move(m));
      }
    if (at != state.size()) return false;
    t_ = t;
    moments_ = std::move(moments);
    return true;
  }

 private:
  double rate_;
  long long t_ = 0;
  std::vector<Moments> moments_;
};

}  // namespace

std::optional<OptimizerKind> optimizerFromName(const std::string& name) {
  if (name == "adam") return OptimizerKind::Adam;
  if (name == "sgd") return OptimizerKind::Sgd;
  return std::nullopt;
}

std::unique_ptr<Optimizer> makeOptimizer(OptimizerKind kind, double learningRate) {
  if (kind == OptimizerKind::Adam) return std::make_unique<Adam>(learningRate);
  return std::make_unique<Sgd>(learningRate);
}

}  // namespace miwb::mlp_training
