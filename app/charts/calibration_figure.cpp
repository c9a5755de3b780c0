#include "charts/calibration_figure.h"

#include "charts/calibration_chart.h"

namespace miwb::charts {

std::vector<std::unique_ptr<QChart>> CalibrationFigure::createCharts() const {
  std::vector<std::unique_ptr<QChart>> charts;
  charts.push_back(std::make_unique<CalibrationChart>(&result, &request));
  return charts;
}

QString CalibrationFigure::dataCsv() const {
  QString csv = "true_nats,mean_nats,std_nats,fitted_mean_nats,band_low_nats,band_high_nats,repeats\n";
  for (const auto& r : result.curve)
    csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
               .arg(r.truth, 0, 'g', 17)
               .arg(r.mean, 0, 'g', 17)
               .arg(r.std, 0, 'g', 17)
               .arg(r.fittedMean, 0, 'g', 17)
               .arg(r.fittedMean - r.halfWidth, 0, 'g', 17)
               .arg(r.fittedMean + r.halfWidth, 0, 'g', 17)
               .arg(r.repeats);
  return csv;
}

}  // namespace miwb::charts
