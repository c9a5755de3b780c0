#pragma once
// What a bmi task is: a base family with its dimensions and strength, and the map applied to its
// sample. The 40 named tasks and every custom setting are values of this one type.
#include <string>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb::bmi {

enum class Family { NormalDense, NormalSparse, StudentDense, AdditiveUniform };

// Applied after the base sample, X and Y each by their own side of the map. Every one is invertible
// on its side (the swiss roll is an injective embedding), so the MI is the base family's.
enum class Transform { None, NormalCdf, HalfCube, Asinh, Spiral, SpiralNormalCdf, Wiggly, Bimodal, SwissRollX };

// The fields a family does not use stay at zero (the parameters' defaults live in the metadata).
struct TaskSpec {
  Family family = Family::NormalDense;
  Transform transform = Transform::None;
  Index dx = 1, dy = 1;   // dimensions of the base sample
  double rho = 0.0;       // dense correlation (normal) or dispersion (Student-t) off the diagonal
  Index pairs = 0;        // sparse: number of correlated pairs (X_i, Y_i)
  double strength = 0.0;  // sparse: latent weight lambda
  double dof = 0.0;       // Student-t degrees of freedom nu
  double noise = 0.0;     // additive: Y = X + U(-noise, noise)
};

// The names used by the `family` and `transform` parameters.
Status parseFamily(const std::string& name, Family& out);
Status parseTransform(const std::string& name, Transform& out);

// Checks that the combination exists; the message names the parameter that is wrong.
Status validate(const TaskSpec& spec);

// Columns of the sample after the transform (the swiss roll turns 1-D X into 2-D).
Index outputDims(const TaskSpec& spec, bool xSide);

}  // namespace miwb::bmi
