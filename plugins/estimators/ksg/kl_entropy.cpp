#include "kl_entropy.h"

#include <cmath>
#include <vector>

#include "miwb/numerics/neighbour_index.h"
#include "miwb/numerics/special.h"
#include "per_sample.h"

namespace miwb::ksg {

miwb::Status klEntropy(const miwb::Matrix& values, int k, miwb::RunContext& ctx, miwb::Estimate& out) {
  const miwb::Index n = values.rows();
  const miwb::NeighbourIndex index(values);
  const double shared = miwb::digamma(static_cast<double>(n)) - miwb::digamma(k);
  const double d = static_cast<double>(values.cols());
  std::vector<double> terms(static_cast<std::size_t>(n));
  MIWB_TRY(forEachSample(n, ctx, 0.0, 1.0, [&](miwb::Index i) {
    std::vector<double> distances(static_cast<std::size_t>(k));
    index.nearestDistancesToRow(i, k, distances.data());
    terms[static_cast<std::size_t>(i)] = shared + d * std::log(2.0 * distances.back());
  }));
  for (double t : terms)
    if (!std::isfinite(t))
      return miwb::Status::numericalIssue(
          "more than k samples share a value, so a neighbour distance is 0 and the entropy is -infinity; set 'noise' > 0");
  summarize(terms, out);
  out.details["method"] = "Kozachenko-Leonenko (max-norm)";
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
