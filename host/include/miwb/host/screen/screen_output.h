#pragma once
// What a screen writes: screen.csv, one row per feature and estimator (each estimator's rows in rank
// order, the features without an estimate after them by index), and screen.json, the run's summary.
#include <QString>

#include "miwb/host/screen/screen_selection.h"

namespace miwb {

// The rows of the features the result estimated (a shard writes its own).
// Columns: feature (0-based column index), name (from the header, else empty), estimator, n, mi_nats,
// mi_bits, linfoot, rank, p_value, q_value, selected (1/0), clumped_by (a feature index), note.
// Empty fields where a value does not apply; numbers with 17 significant digits (they read back
// exactly).
std::string screenCsv(const ScreenResult& result);

// features, samples, blocks, read_seconds, and per estimator: id, params, seconds, features_per_second,
// estimated, selected, clumped.
// Reads the screen.csv files of a screen's shards back into one result over `features` features:
// each row's feature, name, estimator, n, mi_nats, p_value and note (rank, q-values and selection are
// for the caller to recompute). Every feature must come once per estimator over all the files, and
// every file must list the same estimators: otherwise InvalidInput naming the file.
Status mergeScreenCsv(const std::vector<QString>& files, Index features, ScreenResult& out);

Json screenSummary(const ScreenResult& result, Index samples, const SelectionOptions& selection,
                   const ScreenOptions& options);

}  // namespace miwb
