#pragma once
// `miwb-bench-gui-stall EXPERIMENT` (bench/gui_stall.sh): runs an experiment in the real window and measures how long
// the GUI event loop goes without turning (a 5 ms timer records the gaps between its ticks).
// A benchmark, not a test: it prints the longest stall and the 99th percentile.
#include <QString>

namespace miwb::gui {

class MainWindow;

int measureStall(MainWindow& window, const QString& experimentPath);

}  // namespace miwb::gui
