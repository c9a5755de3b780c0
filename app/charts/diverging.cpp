#include "charts/diverging.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace miwb::charts {

QColor diverging(double t) {
  static constexpr std::array<std::array<int, 3>, 11> kAnchors{{{5, 48, 97}, {33, 102, 172}, {67, 147, 195},
                                                                 {146, 197, 222}, {209, 229, 240}, {247, 247, 247},
                                                                 {253, 219, 199}, {244, 165, 130}, {214, 96, 77},
                                                                 {178, 24, 43}, {103, 0, 31}}};
  if (std::isnan(t)) t = 0;
  const double x = (std::clamp(t, -1.0, 1.0) + 1) / 2 * (kAnchors.size() - 1);
  const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(x), kAnchors.size() - 2);
  const double f = x - static_cast<double>(i);
  auto mix = [&](int c) { return static_cast<int>(std::lround(kAnchors[i][c] * (1 - f) + kAnchors[i + 1][c] * f)); };
  return QColor(mix(0), mix(1), mix(2));
}

}  // namespace miwb::charts
