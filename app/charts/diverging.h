#pragma once
// A diverging colour map (ColorBrewer's RdBu, blue below zero, red above, near-white at zero) for
// signed quantities such as a log ratio: equal distances from zero look equally strong.
#include <QColor>

namespace miwb::charts {

// t in [-1, 1] (clamped, so -inf is the deepest blue); linear between eleven anchors.
QColor diverging(double t);

}  // namespace miwb::charts
