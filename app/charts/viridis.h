#pragma once
// Viridis, the perceptually uniform colour map of matplotlib: equal steps in the value look like
// equal steps in colour, and it stays readable in grey scale and for colour-blind readers.
#include <QColor>

namespace miwb::charts {

// t in [0, 1] (clamped); linear interpolation between ten anchor colours of the map.
QColor viridis(double t);

}  // namespace miwb::charts
