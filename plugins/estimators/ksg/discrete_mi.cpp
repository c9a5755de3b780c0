#include "discrete_mi.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace miwb::ksg {

miwb::Status discreteMi(const miwb::Labels& a, const miwb::Labels& b, miwb::Estimate& out) {
  const miwb::DenseLabels da = miwb::denseLabels(a), db = miwb::denseLabels(b);
  std::vector<std::pair<int, int>> pairs(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) pairs[i] = {da.codes[i], db.codes[i]};
  std::sort(pairs.begin(), pairs.end());
  const double n = static_cast<double>(a.size());
  double mi = 0;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const double joint = static_cast<double>(j - i);
    const double na = static_cast<double>(da.counts[static_cast<std::size_t>(pairs[i].first)]);
    const double nb = static_cast<double>(db.counts[static_cast<std::size_t>(pairs[i].second)]);
    mi += joint / n * std::log(joint * n / (na * nb));
    i = j;
  }
  out.valueNats = mi;
  out.details["method"] = "plug-in (both discrete)";
  return miwb::Status::ok();
}

miwb::Status discreteEntropy(const miwb::Labels& a, miwb::Estimate& out) {
  const miwb::DenseLabels da = miwb::denseLabels(a);
  const double n = static_cast<double>(a.size());
  double h = 0;
  for (miwb::Index c : da.counts) h -= static_cast<double>(c) / n * std::log(static_cast<double>(c) / n);
  out.valueNats = h;
  out.details["method"] = "plug-in (discrete)";
  return miwb::Status::ok();
}

}  // namespace miwb::ksg
