#pragma once
// What a screen writes: screen.csv, one row per feature and estimator (each estimator's rows in rank
// order, the features without an estimate after them by index), and screen.json, the run's summary.
#include <QString>

#include "miwb/host/screen/screen_selection.h"

namespace miwb {

// Columns: feature (0-based column index), name (from the header, else empty), estimator, n, mi_nats,
// mi_bits, linfoot, rank, p_value, q_value, selected (1/0), clumped_by (a feature index), note.
// Empty fields where a value does not apply; numbers with 17 significant digits (they read back
// exactly).
std::string screenCsv(const ScreenResult& result);

// features, samples, blocks, read_seconds, and per estimator: id, params, seconds, features_per_second,
// estimated, selected, clumped.
Json screenSummary(const ScreenResult& result, Index samples, const SelectionOptions& selection,
                   const ScreenOptions& options);

}  // namespace miwb
