#include "kl_entropy.h"

#include <cmath>
#include <vector>

#include "miwb/numerics/neighbour_index.h"
#include "miwb/numerics/special.h"
#include "per_sample.h"

namespace miwb::ksg {

miwb::Status klEntropy(const miwb::Matrix& values, int k, miwb::NeighbourSearch search, miwb::RunContext& ctx,
                       miwb::Estimate& out) {
  const miwb::Index n = values.rows();
  const miwb::NeighbourIndex index(values, 8, search);
  const double shared = miwb::digamma(static_cast<double>(n)) - miwb::digamma(k);
  const double d = static_cast<double>(values.cols());
  std::vector<double> terms(static_cast<std::size_t>(n));
  MIWB_TRY(forEachBlock(n, ctx, 0.0, 1.0, [&](miwb::Index begin, miwb::Index end) {
    std::vector<double> distances(static_cast<std::size_t>((end - begin) * k));
    index.nearestDistancesOfRows(begin, end, k, distances.data());
    for (miwb::Index i = begin; i < end; ++i)
      terms[static_cast<std::size_t>(i)] = shared + d * std::log(2.0 * distances[static_cast<std::size_t>((i - begin) * k + k - 1)]);
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
