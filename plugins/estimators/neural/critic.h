#pragma once
// A critic f(x, y) scores every pair of a batch: F(i, j) = f(x_i, y_j). The diagonal holds the
// samples of the joint distribution, the off-diagonal pairs stand in for the product of marginals.
// A critic belongs to one training run (it keeps the last forward pass for backward()).
#include <memory>
#include <vector>

#include "miwb/nn/activation.h"
#include "miwb/random.h"
#include "tensor.h"

namespace miwb::neural {

using nn::Activation;

enum class CriticKind { Separable, Joint };

// Arithmetic of the joint critic's pair kernels (parameters, optimiser and bounds stay float64).
enum class Precision { Float64, Float32 };

struct CriticShape {
  CriticKind kind = CriticKind::Separable;
  std::vector<Index> hidden;  // widths of the hidden layers
  Index embedding = 0;        // separable only: length of g(x) and h(y)
  Activation activation = Activation::Elu;
  Precision precision = Precision::Float64;  // joint only
};

class Critic {
 public:
  virtual ~Critic() = default;
  // The K x K scores of a batch (x and y have K rows each).
  virtual const Mat& forward(const Mat& x, const Mat& y) = 0;
  // Writes into gradients() the gradient of sum_ij dScores(i, j) F(i, j) w.r.t. the parameters,
  // for the batch of the last forward().
  virtual void backward(const Mat& dScores) = 0;

  virtual std::vector<Mat*> parameters() = 0;
  virtual std::vector<Mat*> gradients() = 0;
  // The linear maps of the network (no biases), for the Lipschitz constraint.
  virtual std::vector<Mat*> weightMatrices() = 0;
};

// A freshly initialised critic for inputs of dx and dy columns.
std::unique_ptr<Critic> makeCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng);

}  // namespace miwb::neural
