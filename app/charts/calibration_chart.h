#pragma once
// A calibration curve (host/calibration.h): the estimator's mean estimate against the true MI with
// its band, the diagonal "estimate = truth", the user's estimate as a horizontal line and the
// calibrated interval of true MI marked on it.
#include "charts/base_chart.h"
#include "miwb/host/trust/calibration.h"

namespace miwb::charts {

class CalibrationChart : public BaseChart {
  Q_OBJECT
 public:
  // `result` and `request` must outlive the chart.
  CalibrationChart(const CalibrationResult* result, const CalibrationRequest* request);
};

}  // namespace miwb::charts
