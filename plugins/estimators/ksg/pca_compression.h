#pragma once
// Compression first (Butakov et al. 2024): each continuous variable is projected onto its leading
// principal components before the neighbour search, because kNN estimates degrade quickly with the
// dimension while the information of a high-dimensional layer often lies in a few directions.
#include "ksg_options.h"
#include "miwb/variable.h"

namespace miwb::ksg {

// The centred values projected onto the principal components kept by options.compress (sorted by
// eigenvalue, descending; each component's largest-|.| loading made positive so that the result
// does not depend on the eigensolver's sign), computed without a centred copy of the values
// (numerics/pca.h). Compress::None, or a variable with no more columns than would be kept, comes
// back unchanged.
Status compressColumns(const miwb::Matrix& values, const Options& options, miwb::Matrix& out);

}  // namespace miwb::ksg
