#pragma once
// Which structure answers max-norm neighbour queries: a kd-tree (a sorted array or grid for single
// columns) or a tiled scan of all pairs (TiledNeighbours). Both give the same answers bit for bit;
// only their speed differs, and it turns on the number of columns.
#include <algorithm>
#include <cmath>

#include "miwb/variable.h"

namespace miwb {

enum class NeighbourSearch {
  Automatic,  // by the number of columns and points (scanSuits)
  Tree,
  Scan,
};

// The number of columns from which the scan beats the kd-tree for n points. The scan costs
// O(n^2 d); the tree's cost grows more slowly with n, and faster with d, so the switch-over moves up
// with n. Measured for KSG (bench/ksg_search.sh, k = 5, dense Gaussians): about 6 joint dimensions
// at n = 2000, 10 at n = 1e4, 13 at n = 3e4; the line through them is 6 + 5.7 log10(n / 2000).
inline double scanMinDims(Index n) { return 6.0 + 5.7 * std::log10(std::max(static_cast<double>(n), 2000.0) / 2000.0); }

// Whether `search` means the scan for n points with `dims` columns.
inline bool scanSuits(NeighbourSearch search, Index dims, Index n) {
  return search == NeighbourSearch::Scan ||
         (search == NeighbourSearch::Automatic && static_cast<double>(dims) >= scanMinDims(n));
}

}  // namespace miwb
