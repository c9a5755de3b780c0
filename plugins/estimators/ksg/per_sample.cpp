#include "per_sample.h"

#include <cmath>

namespace miwb::ksg {

void summarize(const std::vector<double>& terms, miwb::Estimate& out) {
  const double n = static_cast<double>(terms.size());
  double sum = 0;
  for (double t : terms) sum += t;
  const double mean = sum / n;
  double squares = 0;
  for (double t : terms) squares += (t - mean) * (t - mean);
  out.valueNats = mean;
  if (terms.size() > 1) out.stderrNats = std::sqrt(squares / (n - 1) / n);
}

}  // namespace miwb::ksg
