#pragma once
// Matrix types of the neural estimators: the nn library's column-major batches (rows are samples).
// Networks compute in float64 so that finite-difference gradient checks of the same code stay
// meaningful.
#include "miwb/nn/matrix.h"

namespace miwb::neural {

using Mat = nn::ColBatch;
using nn::Index;

}  // namespace miwb::neural
