#pragma once
// Frenzel & Pompe (2007): the KSG estimate of the conditional mutual information I(X;Y|Z) for
// continuous X, Y and Z (already compressed/standardized/jittered). eps_i = max-norm distance from
// sample i to its k-th neighbour in the joint (X, Y, Z) space; n_xz, n_yz, n_z = samples other than
// i strictly within eps_i in those subspaces;
// I = psi(k) - < psi(n_xz + 1) + psi(n_yz + 1) - psi(n_z + 1) >.
#include "ksg_options.h"
#include "miwb/estimator.h"

namespace miwb::ksg {

miwb::Status frenzelPompe(const miwb::Matrix& x, const miwb::Matrix& y, const miwb::Matrix& z, const Options& options,
                          miwb::RunContext& ctx, miwb::Estimate& out);

}  // namespace miwb::ksg
