#pragma once
// Scaling curves against the sample size N on a log axis. Estimate mode: per estimator and quantity
// the mean over repeats with a +/- 1 std band, and each quantity's true value dashed. Runtime mode:
// mean seconds per task on log-log axes. refresh() re-reads the data (live updates).
#include "charts/base_chart.h"
#include "charts/scaling_data.h"

class QLogValueAxis;
class QAbstractAxis;

namespace miwb::charts {

class ScalingChart : public BaseChart {
  Q_OBJECT
 public:
  enum class Mode { Estimate, Runtime };
  // `data` must outlive the chart.
  ScalingChart(const ScalingData* data, Mode mode, bool bits = true);

  void setBits(bool bits);
  void refresh();
  Mode mode() const { return mode_; }

 private:
  void refreshEstimate(double scale);
  void refreshRuntime();
  void attach(QAbstractSeries* series);

  const ScalingData* data_;
  Mode mode_;
  bool bits_;
  QLogValueAxis* xAxis_;
  QAbstractAxis* yAxis_;
};

}  // namespace miwb::charts
