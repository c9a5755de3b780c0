#include "mixed_mi.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "miwb/numerics/neighbour_index.h"
#include "miwb/numerics/special.h"
#include "per_sample.h"

namespace miwb::ksg {

using miwb::Index;

// Per label with count > 1: k' = min(k, count - 1) and the radius to the k'-th same-label
// neighbour. Samples whose label occurs once are dropped. m_i = samples of the kept set (i itself
// included) strictly within the radius; for radius 0 (duplicates) the samples at distance 0, as
// scikit-learn's query_radius(nextafter(r, 0)) counts. I = psi(N') + <psi(k')> - <psi(N_label)> - <psi(m)>.
miwb::Status mixedMi(const miwb::Matrix& values, const miwb::Labels& labels, int k, miwb::NeighbourSearch search,
                     miwb::RunContext& ctx, miwb::Estimate& out) {
  const miwb::DenseLabels dense = miwb::denseLabels(labels);
  const auto classes = dense.counts.size();
  std::vector<std::vector<Index>> members(classes);
  for (Index i = 0; i < values.rows(); ++i)
    members[static_cast<std::size_t>(dense.codes[static_cast<std::size_t>(i)])].push_back(i);

  std::vector<Index> kept;  // rows whose label occurs more than once, in row order
  for (Index i = 0; i < values.rows(); ++i)
    if (dense.counts[static_cast<std::size_t>(dense.codes[static_cast<std::size_t>(i)])] > 1) kept.push_back(i);
  if (kept.empty())
    return miwb::Status::invalidInput("every label occurs only once, so the mixed KSG estimator has no samples to use");

  std::vector<double> radius(static_cast<std::size_t>(values.rows()), 0.0);
  std::vector<int> kPrime(static_cast<std::size_t>(values.rows()), 0);
  double progressAt = 0.0;
  for (std::size_t c = 0; c < classes; ++c) {
    const std::vector<Index>& rows = members[c];
    const auto count = static_cast<Index>(rows.size());
    if (count < 2) continue;
    miwb::Matrix own(count, values.cols());
    for (Index r = 0; r < count; ++r) own.row(r) = values.row(rows[static_cast<std::size_t>(r)]);
    const miwb::NeighbourIndex index(own, 8, search);
    const int kc = static_cast<int>(std::min<Index>(k, count - 1));
    const double step = 0.5 * static_cast<double>(count) / static_cast<double>(kept.size());
    MIWB_TRY(forEachBlock(count, ctx, progressAt, progressAt + step, [&](Index begin, Index end) {
      std::vector<double> distances(static_cast<std::size_t>((end - begin) * kc));
      index.nearestDistancesOfRows(begin, end, kc, distances.data());
      for (Index r = begin; r < end; ++r) {
        const auto row = static_cast<std::size_t>(rows[static_cast<std::size_t>(r)]);
        radius[row] = distances[static_cast<std::size_t>((r - begin) * kc + kc - 1)];
        kPrime[row] = kc;
      }
    }));
    progressAt += step;
  }

  const auto keptCount = static_cast<Index>(kept.size());
  miwb::Matrix keptValues(keptCount, values.cols());
  for (Index r = 0; r < keptCount; ++r) keptValues.row(r) = values.row(kept[static_cast<std::size_t>(r)]);
  const miwb::NeighbourIndex all(keptValues, 8, search);
  const double shared = miwb::digamma(static_cast<double>(keptCount));
  std::vector<double> terms(static_cast<std::size_t>(keptCount));
  MIWB_TRY(forEachBlock(keptCount, ctx, 0.5, 1.0, [&](Index begin, Index end) {
    // Strictly within the radius; for radius 0 "strictly within the smallest positive double" is
    // "at distance 0", the samples that count then (distances are never negative).
    std::vector<double> radii(static_cast<std::size_t>(end - begin));
    std::vector<Index> m(radii.size());
    for (Index r = begin; r < end; ++r)
      radii[static_cast<std::size_t>(r - begin)] =
          std::max(radius[static_cast<std::size_t>(kept[static_cast<std::size_t>(r)])], std::numeric_limits<double>::denorm_min());
    all.countWithinOfRows(begin, end, radii.data(), m.data());
    for (Index r = begin; r < end; ++r) {
      const auto row = static_cast<std::size_t>(kept[static_cast<std::size_t>(r)]);
      const auto labelCount = dense.counts[static_cast<std::size_t>(dense.codes[row])];
      terms[static_cast<std::size_t>(r)] = shared + miwb::digamma(kPrime[row]) -
                                           miwb::digamma(static_cast<double>(labelCount)) -
                                           miwb::digamma(static_cast<double>(m[static_cast<std::size_t>(r - begin)]));
    }
  }));
  summarize(terms, out);
  out.details["method"] = "Ross 2014 mixed (continuous, discrete)";
  out.details["samples_used"] = keptCount;
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
