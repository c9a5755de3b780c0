#pragma once
// Bandwidth rules for the binned KDE. A bandwidth here is the kernel's standard deviation, whatever
// the kernel's shape (smoothing_kernel.h), so the normal-reference rules carry over to every kernel.
#include <vector>

namespace miwb::kdefft {

enum class BandwidthRule { Silverman, Scott, ImprovedSheatherJones };

// The bandwidth of one axis of a `dims`-dimensional product-kernel estimate (dims 1 or 2) from that
// axis's values sorted ascending (at least two distinct values):
//   Silverman: 0.9 min(sd, IQR / 1.34) N^(-1/5) in 1-D; min(sd, IQR / 1.34) N^(-1/6) per axis in 2-D
//              (the 2-D normal-reference constant (4 / (d + 2))^(1 / (d + 4)) is 1);
//   Scott:     1.06 sd N^(-1/5) in 1-D; sd N^(-1/6) per axis in 2-D;
//   ISJ:       the improved Sheather-Jones bandwidth of the axis alone (isjBandwidth), in 1-D and 2-D.
// An IQR of 0 (over half the values tied) leaves sd alone in the minimum. sd is the unbiased one.
double bandwidthOf(const std::vector<double>& sorted, BandwidthRule rule, int dims);

// Botev, Grotowski & Kroese (2010): the values are binned linearly on 2^10 nodes spanning the data
// range plus half of it on each side; the discrete cosine transform of the bins gives the squared
// density-derivative functionals, and t* solves t = xi gamma^[7](t) (the fixed point of the plug-in
// chain from the 7th derivative down), h = sqrt(t*) * (mesh range). Falls back to Silverman's
// 1-D rule when the fixed point has no root in (0, 1] (e.g. a handful of distinct values).
double isjBandwidth(const std::vector<double>& sorted);

// The q-quantile of sorted values by linear interpolation between order statistics (numpy's default).
double quantileOfSorted(const std::vector<double>& sorted, double q);

}  // namespace miwb::kdefft
