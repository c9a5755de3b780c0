#pragma once
// KSG algorithms 1 and 2 for two continuous variables (already standardized/jittered).
#include "ksg_options.h"
#include "miwb/estimator.h"

namespace miwb::ksg {

miwb::Status continuousMi(const miwb::Matrix& x, const miwb::Matrix& y, const Options& options,
                          miwb::RunContext& ctx, miwb::Estimate& out);

}  // namespace miwb::ksg
