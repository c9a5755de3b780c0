#pragma once
// Matrix type shared by the neural estimators.
// Networks compute in float64: the speed target is met without float, and finite-difference
// gradient checks of the same code stay meaningful.
#include <Eigen/Core>

namespace miwb::neural {

using Mat = Eigen::MatrixXd;  // rows are samples, columns features
using Index = Eigen::Index;

}  // namespace miwb::neural
