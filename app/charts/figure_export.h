#pragma once
// Writes a figure to a file: PNG (raster, at a chosen pixel size and DPI), SVG and PDF (vector), or
// CSV (the data behind it). The format comes from the file's suffix. Needs a QApplication (charts
// are graphics widgets); headless runs use the offscreen platform.
#include <QSize>
#include <QSizeF>
#include <QString>

#include "charts/figure.h"
#include "miwb/status.h"

namespace miwb::charts {

struct ExportOptions {
  QSize pixels{1600, 1000};  // PNG size; SVG/PDF get the same layout, printed at pixels / dpi inches
  double dpi = 150;          // PNG: sets how large text and lines are relative to the pixel size
  bool withData = false;     // also write <stem>.csv next to the figure
  // A print preset (charts/figure_style.h: "single-column", "double-column", "slide") fixes the
  // printed size and the text and line sizes; `pixels` is then ignored (a PNG gets inches x dpi).
  QString preset;
};

// The printed size in inches and the pixel size of a PNG that `options` give for `figure`.
QSizeF printedInches(const Figure& figure, const ExportOptions& options);

Status exportFigure(const Figure& figure, const QString& path, const ExportOptions& options = {});

}  // namespace miwb::charts
