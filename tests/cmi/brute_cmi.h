#pragma once
// Conditional-MI references written as plain O(N^2) loops, independent of the plugins' neighbour
// structures: the formulas evaluated the obvious way.
#include "miwb/variable.h"

namespace brute {

// Frenzel-Pompe on the given (already prepared) values: eps_i from the k-th neighbour in (x, y, z),
// counts of other samples strictly within eps_i in (x, z), (y, z) and z.
double frenzelPompe(const miwb::Matrix& x, const miwb::Matrix& y, const miwb::Matrix& z, int k);

// 1/2 [ln det S_xz + ln det S_yz - ln det S_z - ln det S_xyz] of the sample covariance (n - 1),
// each determinant by its own LU factorisation of the block copied out.
double gaussianCmi(const miwb::Matrix& x, const miwb::Matrix& y, const miwb::Matrix& z);

}  // namespace brute
