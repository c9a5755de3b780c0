#include "charts/palette.h"

#include <array>

namespace miwb::charts {

QColor categoricalColor(int index) {
  static constexpr std::array<QRgb, 10> kTab10{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                               0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
  const auto i = static_cast<std::size_t>(index < 0 ? -index : index) % kTab10.size();
  return QColor::fromRgb(kTab10[i]);
}

}  // namespace miwb::charts
