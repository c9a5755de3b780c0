#pragma once
// The automatic bin count of `bins = auto`: Birge & Rozenholc (2006), the penalised likelihood of a
// regular histogram (fastHDMI's "optimal number of bins").
#include "miwb/variable.h"

namespace miwb::binning {

// The D in [1, D_max] that maximises sum_j N_j ln(D N_j / N) - (D - 1 + (ln D)^2.5) for D
// equal-width bins over [lo, hi] (clamped as BinEdges::uniform bins them), with N the number of
// values (all columns pooled) and D_max = max(1, floor(N / ln N)). Ties go to the smaller D; lo == hi
// gives 1.
int birgeRozenholcBins(const Matrix& values, double lo, double hi);

}  // namespace miwb::binning
