#pragma once
// Print styles for exported figures. A preset fixes the printed width, the height of a row of
// panels and how many panels share a row, and sizes text and lines for that print size: scene units
// are 1/96 in, so a font of p scene pixels prints at p * 72/96 pt (10 px = 7.5 pt, 12 px = 9 pt).
#include <QString>
#include <vector>

class QChart;

namespace miwb::charts {

struct FigureStyle {
  int labelPx = 10;   // tick labels, legend: 7.5 pt
  int titlePx = 11;   // axis titles, colour-bar title: 8.25 pt
  int headingPx = 12; // chart titles: 9 pt
  double linePx = 1.33;    // data lines: 1 pt
  double markerPx = 5.3;   // marker diameter: 4 pt
  double framePx = 0.67;   // axes and grid: 0.5 pt
};

struct FigurePreset {
  QString id;           // "single-column", "double-column", "slide"
  QString name;         // for the export dialog
  double widthInches;
  double rowHeightInches;
  int maxColumns;
  FigureStyle style;
};

const std::vector<FigurePreset>& figurePresets();
const FigurePreset* figurePreset(const QString& id);  // nullptr for an unknown id

// Fonts and line widths of every part of `chart` (titles, axes, legend, series, colour bar).
void applyStyle(QChart& chart, const FigureStyle& style);

}  // namespace miwb::charts
