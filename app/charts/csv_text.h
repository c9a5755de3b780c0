#pragma once
// Small pieces shared by the figures' data CSV writers.
#include <QString>
#include <cmath>
#include "miwb/units.h"

namespace miwb::charts {

// A CSV field in double quotes, inner quotes doubled.
inline QString csvQuoted(QString text) { return '"' + text.replace('"', "\"\"") + '"'; }

// Factor from nats to the unit shown, and the unit's name.
inline double unitScale(bool bits) { return bits ? kBitsPerNat : 1.0; }
inline QString unitName(bool bits) { return bits ? QStringLiteral("bits") : QStringLiteral("nats"); }

}  // namespace miwb::charts
