#pragma once
// The figure of a calibration (`miwb-cli calibrate --figures`, the window's Calibrate action): one
// CalibrationChart, and the curve's rows as its data.
#include "charts/figure.h"
#include "miwb/host/trust/calibration.h"

namespace miwb::charts {

class CalibrationFigure : public Figure {
 public:
  CalibrationRequest request;
  CalibrationResult result;

  QString name() const override { return "calibration"; }
  std::vector<std::unique_ptr<QChart>> createCharts() const override;
  QString dataCsv() const override;
  bool empty() const override { return result.curve.empty(); }
};

}  // namespace miwb::charts
