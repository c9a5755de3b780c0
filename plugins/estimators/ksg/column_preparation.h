#pragma once
// Standardizing and jittering continuous columns before a neighbour search.
#include <cstdint>

#include "ksg_options.h"
#include "miwb/run_context.h"
#include "miwb/variable.h"

namespace miwb::ksg {

// The columns of `values` centred and scaled to unit std (if options.standardize), plus Gaussian
// noise of std options.noise x the column's std drawn from ctx.random(stream). Constant columns become
// exactly 0 when standardizing and never get noise, so they carry no information. Takes `values`
// by value so that a caller done with them can move them in and save a copy.
miwb::Matrix prepareColumns(miwb::Matrix values, const Options& options, const miwb::RunContext& ctx,
                            std::uint64_t stream);

}  // namespace miwb::ksg
