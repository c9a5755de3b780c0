#include "charts/result_figures.h"

#include "charts/benchmark_figures.h"

namespace miwb::charts {

std::vector<std::unique_ptr<Figure>> figuresFor(const Experiment& experiment, const std::vector<ResultRow>& rows) {
  std::vector<std::unique_ptr<Figure>> figures;
  if (experiment.kind == ExperimentKind::Benchmark) {
    auto heatmap = std::make_unique<BenchmarkHeatmapFigure>();
    auto samples = std::make_unique<BenchmarkSamplesNeededFigure>();
    heatmap->data.setExperiment(experiment);
    samples->data.setExperiment(experiment);
    for (const ResultRow& row : rows) {
      heatmap->data.add(row);
      samples->data.add(row);
    }
    figures.push_back(std::move(heatmap));
    figures.push_back(std::move(samples));
  } else if (experiment.kind == ExperimentKind::InformationPlane) {
    auto plane = std::make_unique<PlaneFigure>();
    QStringList labels;
    for (const EstimatorSpec& e : experiment.estimators) labels.append(QString::fromStdString(e.label));
    for (const ResultRow& row : rows) plane->data.add(row);
    plane->data.setEstimatorOrder(labels);
    figures.push_back(std::move(plane));
  } else {
    auto scaling = std::make_unique<ScalingFigure>();
    for (const ResultRow& row : rows) scaling->data.add(row);
    figures.push_back(std::move(scaling));
  }
  return figures;
}

}  // namespace miwb::charts
