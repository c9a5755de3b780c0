#pragma once
// The increasing maps that known-truth datasets apply to each Gaussian coordinate (the bmi
// benchmark's and the gaussian dataset's transforms): the map itself, and what it adds to the
// coordinate's differential entropy, E[ln f'(Z)] for Z ~ N(0, 1), so that H(f(Z)) = H(Z) + E[ln f'(Z)].
// The mutual information is unchanged by such maps; entropies are not.
namespace miwb {

enum class GaussianMap { HalfCube, Asinh, NormalCdf };

// f(t): half-cube t |t|^(1/2), asinh(t), or the standard normal CDF Phi(t).
double applyGaussianMap(GaussianMap map, double t);

// E[ln f'(Z)], Z ~ N(0, 1), in nats (exact closed forms; asinh by quadrature to better than 1e-12).
double expectedLogSlope(GaussianMap map);

}  // namespace miwb
