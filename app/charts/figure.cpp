#include "charts/figure.h"

namespace miwb::charts {

std::vector<std::unique_ptr<QChart>> PlaneFigure::createCharts() const {
  std::vector<std::unique_ptr<QChart>> charts;
  for (const QString& estimator : data.estimators())
    charts.push_back(std::make_unique<PlaneChart>(&data, estimator, options));
  return charts;
}

std::vector<std::unique_ptr<QChart>> ScalingFigure::createCharts() const {
  std::vector<std::unique_ptr<QChart>> charts;
  charts.push_back(std::make_unique<ScalingChart>(&data, ScalingChart::Mode::Estimate, bits));
  charts.push_back(std::make_unique<ScalingChart>(&data, ScalingChart::Mode::Runtime, bits));
  return charts;
}

}  // namespace miwb::charts
