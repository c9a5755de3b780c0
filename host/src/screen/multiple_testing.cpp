#include "miwb/host/screen/multiple_testing.h"

#include <algorithm>
#include <numeric>

namespace miwb {

std::vector<double> qValues(const std::vector<double>& p, FdrMethod method) {
  const std::size_t m = p.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  double factor = static_cast<double>(m);
  if (method == FdrMethod::BenjaminiYekutieli) {
    double harmonic = 0.0;
    for (std::size_t i = m; i >= 1; --i) harmonic += 1.0 / static_cast<double>(i);  // small terms first
    factor *= harmonic;
  }
  std::vector<double> q(m);
  double running = 1.0;  // the minimum over j >= i, built from the largest p down
  for (std::size_t rank = m; rank >= 1; --rank) {
    const std::size_t index = order[rank - 1];
    running = std::min(running, factor * p[index] / static_cast<double>(rank));
    q[index] = running;
  }
  return q;
}

}  // namespace miwb
