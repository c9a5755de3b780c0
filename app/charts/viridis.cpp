#include "charts/viridis.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace miwb::charts {

QColor viridis(double t) {
  // Ten equally spaced samples of matplotlib's viridis (t = 0, 1/9, ..., 1).
  static constexpr std::array<std::array<int, 3>, 10> kAnchors{{{0x44, 0x01, 0x54},
                                                                 {0x48, 0x28, 0x78},
                                                                 {0x3e, 0x49, 0x89},
                                                                 {0x31, 0x68, 0x8e},
                                                                 {0x26, 0x82, 0x8e},
                                                                 {0x1f, 0x9e, 0x89},
                                                                 {0x35, 0xb7, 0x79},
                                                                 {0x6e, 0xce, 0x58},
                                                                 {0xb5, 0xde, 0x2b},
                                                                 {0xfd, 0xe7, 0x25}}};
  if (!std::isfinite(t)) t = 0;
  const double x = std::clamp(t, 0.0, 1.0) * (kAnchors.size() - 1);
  const auto i = std::min<std::size_t>(static_cast<std::size_t>(x), kAnchors.size() - 2);
  const double f = x - static_cast<double>(i);
  auto mix = [&](int c) { return static_cast<int>(std::lround(kAnchors[i][c] * (1 - f) + kAnchors[i + 1][c] * f)); };
  return QColor(mix(0), mix(1), mix(2));
}

}  // namespace miwb::charts
