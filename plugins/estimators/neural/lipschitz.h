#pragma once
// Keeps a critic 1-Lipschitz for the Wasserstein dependency measure by spectral-norm projection:
// after each optimiser step every weight matrix W whose largest singular value sigma exceeds 1 is
// replaced by W / sigma. With 1-Lipschitz activations (relu, tanh, elu) the network is then
// 1-Lipschitz in the Euclidean norm of its (standardised) input. sigma comes from power iteration
// with vectors kept between steps (Miyato et al. 2018), so one iteration per step tracks it; more
// iterations are run before each held-out evaluation.
#include <vector>

#include "tensor.h"

namespace miwb::neural {

class SpectralProjection {
 public:
  explicit SpectralProjection(std::vector<Mat*> weights);
  void project(int iterations);

 private:
  std::vector<Mat*> weights_;
  std::vector<Eigen::VectorXd> right_;  // right singular vector estimates, one per matrix
};

}  // namespace miwb::neural
