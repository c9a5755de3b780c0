#pragma once
// One rule for the ticks of every axis we draw: linear axes step by 1, 2, 2.5 or 5 x 10^k and are
// labelled with exactly the decimals the step needs; log axes tick at decades and label them all in
// one format (plain where every decade reads plainly, otherwise all in scientific notation).
#include <QString>
#include <utility>
#include <vector>

class QChart;
class QLogValueAxis;
class QValueAxis;

namespace miwb::charts {

// The nice step that gives about `target` intervals over `span` (> 0).
double niceStep(double span, int target = 5);
// Decimals a label needs to show multiples of `step` exactly (2.5 -> 1, 0.25 -> 2, 20 -> 0).
int stepDecimals(double step);
// The multiples of the nice step within [lo, hi] (with a little slack at the ends for rounding).
std::vector<double> niceTicks(double lo, double hi, int target = 5);
// [lo, hi] widened outwards to multiples of its nice step, so that the axis ends on ticks.
std::pair<double, double> niceRange(double lo, double hi, int target = 5);
// A tick value as its axis labels it.
QString tickLabel(double value, double step);

// Ticks at multiples of the nice step of the axis's range, kept nice when the range changes (zoom).
void useNiceTicks(QValueAxis* axis, int target = 5);
// About how many intervals the axis's ticks aim at from now on (fewer on a narrow plot, whose
// labels Qt would otherwise elide to "1..."); the next setNiceRange applies it.
void setTickTarget(QValueAxis* axis, int target);
// The axis's target (set by useNiceTicks or setTickTarget), else `fallback`.
int tickTarget(const QValueAxis* axis, int fallback);
// Sets the range to [lo, hi] widened to its nice step (the axis's own target, if it has one, over
// `target`), the step first: Qt Charts lays the ticks of
// a new range out with the interval it has at that moment, and a tiny old interval over a wide new
// range would mean millions of ticks.
void setNiceRange(QValueAxis* axis, double lo, double hi, int target = 5);
// After a zoom: each nice-ticked axis of `chart` widened to its nice range, so that a zoomed axis
// ends on ticks too (a dragged rectangle ends anywhere).
void snapZoomToNiceRanges(QChart* chart);
// [lo, hi] (both > 0) widened downwards until at least two decades lie inside, so that a log axis
// always carries two labelled ticks.
std::pair<double, double> decadeRange(double lo, double hi);
// Decade ticks with one label format, kept so when the range changes.
void useDecadeTicks(QLogValueAxis* axis);
// The printf format for the decade labels between lo and hi: "%g" when every decade in the range
// prints plainly under it (1e-4 .. 1e5), else "%.0e" for all of them.
QString decadeLabelFormat(double lo, double hi);

}  // namespace miwb::charts
