#include "brute_force.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "miwb/numerics/special.h"

namespace brute {

using miwb::digamma;
using miwb::Index;

double distance(const miwb::Matrix& m, Index a, Index b) {
  double d = 0;
  for (Index j = 0; j < m.cols(); ++j) d = std::max(d, std::fabs(m(a, j) - m(b, j)));
  return d;
}

std::vector<std::pair<double, Index>> nearest(const miwb::Matrix& m, Index i, int k) {
  std::vector<std::pair<double, Index>> all;
  for (Index j = 0; j < m.rows(); ++j)
    if (j != i) all.push_back({distance(m, i, j), j});
  std::partial_sort(all.begin(), all.begin() + k, all.end());
  all.resize(static_cast<std::size_t>(k));
  return all;
}

Index countWithin(const miwb::Matrix& m, Index i, double r, bool inclusive) {
  Index c = 0;
  for (Index j = 0; j < m.rows(); ++j) {
    const double d = distance(m, i, j);
    if (inclusive ? d <= r : d < r) ++c;
  }
  return c;
}

double ksg(const miwb::Matrix& x, const miwb::Matrix& y, int k, int algorithm) {
  const Index n = x.rows();
  miwb::Matrix joint(n, x.cols() + y.cols());
  joint << x, y;
  double sum = 0;
  for (Index i = 0; i < n; ++i) {
    const auto nb = nearest(joint, i, k);
    if (algorithm == 1) {
      const double eps = nb.back().first;
      Index nx = 0, ny = 0;
      for (Index j = 0; j < n; ++j) {
        if (j == i) continue;
        if (distance(x, i, j) < eps) ++nx;
        if (distance(y, i, j) < eps) ++ny;
      }
      sum += digamma(static_cast<double>(nx + 1)) + digamma(static_cast<double>(ny + 1));
    } else {
      double ex = 0, ey = 0;
      for (const auto& [d, j] : nb) {
        ex = std::max(ex, distance(x, i, j));
        ey = std::max(ey, distance(y, i, j));
      }
      Index nx = 0, ny = 0;
      for (Index j = 0; j < n; ++j) {
        if (j == i) continue;
        if (distance(x, i, j) <= ex) ++nx;
        if (distance(y, i, j) <= ey) ++ny;
      }
      sum += digamma(static_cast<double>(nx)) + digamma(static_cast<double>(ny));
    }
  }
  const double base = digamma(k) + digamma(static_cast<double>(n)) - (algorithm == 2 ? 1.0 / k : 0.0);
  return base - sum / static_cast<double>(n);
}

double mixed(const miwb::Matrix& c, const miwb::Labels& labels, int k) {
  std::map<std::int64_t, Index> count;
  for (auto l : labels) ++count[l];
  std::vector<Index> kept;
  for (Index i = 0; i < c.rows(); ++i)
    if (count[labels[static_cast<std::size_t>(i)]] > 1) kept.push_back(i);
  const double nKept = static_cast<double>(kept.size());
  double sumK = 0, sumLabel = 0, sumM = 0;
  for (Index i : kept) {
    const auto label = labels[static_cast<std::size_t>(i)];
    const Index kc = std::min<Index>(k, count[label] - 1);
    std::vector<double> same;
    for (Index j : kept)
      if (j != i && labels[static_cast<std::size_t>(j)] == label) same.push_back(distance(c, i, j));
    std::sort(same.begin(), same.end());
    const double radius = same[static_cast<std::size_t>(kc - 1)];
    // scikit-learn counts distance <= nextafter(radius, 0): strictly inside, or at 0 when radius is 0.
    const double limit = std::nextafter(radius, 0.0);
    Index m = 0;
    for (Index j : kept)
      if (distance(c, i, j) <= limit) ++m;
    sumK += digamma(static_cast<double>(kc));
    sumLabel += digamma(static_cast<double>(count[label]));
    sumM += digamma(static_cast<double>(m));
  }
  return digamma(nKept) + (sumK - sumLabel - sumM) / nKept;
}

miwb::Matrix standardize(const miwb::Matrix& m) {
  miwb::Matrix out = m;
  const double n = static_cast<double>(m.rows());
  for (Index j = 0; j < m.cols(); ++j) {
    double mean = 0, var = 0;
    for (Index i = 0; i < m.rows(); ++i) mean += m(i, j);
    mean /= n;
    for (Index i = 0; i < m.rows(); ++i) var += (m(i, j) - mean) * (m(i, j) - mean);
    const double sd = std::sqrt(var / n);
    bool constant = true;
    for (Index i = 0; i < m.rows(); ++i) constant = constant && m(i, j) == m(0, j);
    for (Index i = 0; i < m.rows(); ++i) out(i, j) = constant ? 0.0 : (m(i, j) - mean) / sd;
  }
  return out;
}

}  // namespace brute
