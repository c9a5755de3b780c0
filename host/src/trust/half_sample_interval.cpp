#include "miwb/host/trust/half_sample_interval.h"

#include <algorithm>
#include <cmath>

#include "miwb/host/trust/resampling.h"

namespace miwb::numerics {

Interval halfSampleInterval(double full, std::vector<double> halves, Index n, Index m, double level) {
  const double scale = std::sqrt(static_cast<double>(m) / static_cast<double>(n - m));
  const double centre = mean(halves);
  for (double& v : halves) v = scale * (v - centre);
  Interval out;
  out.impliedStd = sampleStd(halves);
  out.low = std::min(full, full + quantile(halves, (1 - level) / 2));
  out.high = std::max(full, full + quantile(halves, (1 + level) / 2));
  return out;
}

}  // namespace miwb::numerics
