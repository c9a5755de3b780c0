#pragma once
// kde-fft: I(X;Y) of one continuous column against another by a binned 2-D kernel density estimate
// convolved by FFT, or against class labels by class-conditional 1-D densities on one grid.
#include <vector>

#include "bandwidth.h"
#include "binned_density.h"
#include "miwb/estimator.h"

namespace miwb::kdefft {

struct KdeFftSettings {
  int grid = 64;  // nodes per axis
  BandwidthRule rule = BandwidthRule::Silverman;
  KernelShape kernel = KernelShape::Gaussian;
};

// The binned joint density of (x, y) on the given axes smoothed with the sampled kernels, and its MI
// (gridMutualInformation): the pair estimate once the axes and bandwidths are chosen.
double jointGridInformation(const double* x, const double* y, int count, const GridAxis& ax, const GridAxis& ay,
                            const std::vector<double>& wx, const std::vector<double>& wy);

class KdeFftEstimator final : public Estimator {
 public:
  explicit KdeFftEstimator(KdeFftSettings settings) : settings_(settings) {}
  Status mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const override;

 private:
  Status continuousPair(const Matrix& x, const Matrix& y, Estimate& out) const;
  Status againstClasses(const Matrix& values, const Labels& labels, Estimate& out) const;

  KdeFftSettings settings_;
};

}  // namespace miwb::kdefft
