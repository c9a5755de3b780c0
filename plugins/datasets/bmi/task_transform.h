#pragma once
// Applies a task's map to a drawn base sample, and says what it does to the entropies.
#include <optional>

#include "miwb/variable.h"
#include "task_spec.h"

namespace miwb::bmi {

// Maps x and y in place (the swiss roll makes x two columns wide).
void applyTransform(Transform transform, Matrix& x, Matrix& y);

// H(f(V)) - H(V) for one side of `dims` coordinates, where it has a closed form: 0 for none and the
// spiral (its Jacobian determinant is 1); for coordinatewise maps of standard normal coordinates
// E ln f'(Z) per coordinate. nullopt otherwise (asinh, wiggly, bimodal, the swiss roll's curve).
std::optional<double> entropyChange(Transform transform, Index dims, bool standardNormalMarginals);

}  // namespace miwb::bmi
