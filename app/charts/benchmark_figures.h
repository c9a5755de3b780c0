#pragma once
// The figures of a benchmark run, as in the bmi paper: the heatmap (rows the estimators and a
// "True MI" row, columns the tasks grouped by family; each cell the mean estimate to one decimal,
// coloured by the mean ln(estimate / truth) clipped to [-1, 1]) at one N, and the samples-needed
// table (per task and estimator the smallest N from which on the estimate stays within a factor 1.5).
#include <QSize>
#include <optional>

#include "charts/benchmark_data.h"
#include "charts/figure.h"
#include "charts/matrix_chart.h"

namespace miwb::charts {

// The cell text of a sample size: 100, 500, 1k, 2.5k, 10k.
QString shortCount(long long n);

MatrixModel benchmarkHeatmapModel(const BenchmarkData& data, long long n);
MatrixModel benchmarkSamplesNeededModel(const BenchmarkData& data);

// A figure drawn as one MatrixChart, sized for its rows and columns.
class MatrixFigure : public Figure {
 public:
  BenchmarkData data;

  std::vector<std::unique_ptr<QChart>> createCharts() const override;
  QString dataCsv() const override { return data.toCsv(); }
  bool empty() const override { return data.empty(); }
  QSize defaultPixels() const override;
  virtual MatrixModel model() const = 0;
};

class BenchmarkHeatmapFigure : public MatrixFigure {
 public:
  std::optional<long long> n;  // unset: the grid's largest N
  long long shownN() const { return n.value_or(data.largestN()); }
  QString name() const override { return "benchmark-heatmap"; }
  MatrixModel model() const override { return benchmarkHeatmapModel(data, shownN()); }
};

class BenchmarkSamplesNeededFigure : public MatrixFigure {
 public:
  QString name() const override { return "benchmark-samples-needed"; }
  MatrixModel model() const override { return benchmarkSamplesNeededModel(data); }
};

}  // namespace miwb::charts
