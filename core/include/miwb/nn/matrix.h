#pragma once
// The matrix types of the nn library. Parameters are column-major (weights fanIn x fanOut, biases
// 1 x fanOut, so that a batch maps as Z = A W + b); batches put samples in rows and come in both
// storage orders (ColBatch for the neural estimators, RowBatch = miwb::Matrix for the in-app
// training), since the storage order decides how Eigen sums, and with it the last bits.
#include <Eigen/Core>

#include "miwb/variable.h"

namespace miwb::nn {

using Index = Eigen::Index;
using Mat = Eigen::MatrixXd;
using ColBatch = Eigen::MatrixXd;
using RowBatch = miwb::Matrix;

}  // namespace miwb::nn
