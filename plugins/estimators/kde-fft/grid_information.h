#pragma once
// Mutual information of densities tabulated on a grid. Each density is normalised to sum 1 over its
// nodes, so the Riemann sum of p ln(p / (p_x p_y)) becomes the MI of a discrete distribution on the
// nodes: never negative, whatever the grid. Negative values that the FFT's rounding leaves where the
// density is ~0 are clipped to 0 first.
#include <vector>

namespace miwb::kdefft {

// sum_ij p_ij ln(p_ij / (p_i. p_.j)) with p proportional to max(grid, 0) (row-major, rows x columns)
// and the marginals from row and column sums.
double gridMutualInformation(std::vector<double> grid, int rows, int columns);

// I(X;C) for class densities f_c on one grid with class shares w_c (summing to 1):
// sum_c w_c sum_g f_c(g) ln(f_c(g) / f(g)), f = sum_c w_c f_c, each f_c normalised as above.
double mixtureMutualInformation(std::vector<std::vector<double>> densities, const std::vector<double>& weights);

}  // namespace miwb::kdefft
