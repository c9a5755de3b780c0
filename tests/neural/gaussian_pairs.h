#pragma once
// Ground-truth data for the tests: X ~ N(0, I_d), Y = rho X + sqrt(1 - rho^2) eps, for which
// I(X;Y) = -d/2 ln(1 - rho^2).
#include <cstdint>

#include "miwb/variable.h"

struct GaussianPairs {
  miwb::Variable x, y;
  double trueMi = 0.0;
};

GaussianPairs gaussianPairs(miwb::Index n, miwb::Index d, double rho, std::uint64_t seed);

// The per-coordinate correlation that gives d coordinates a total of `nats`.
double rhoForMi(double nats, miwb::Index d);
