#pragma once
// The figures that fit an experiment's results: an information plane (one panel per estimator) for
// information-plane runs, scaling curves for scaling and estimate runs, the heatmap and the
// samples-needed table for benchmarks.
#include <memory>
#include <vector>

#include "charts/figure.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"

namespace miwb::charts {

std::vector<std::unique_ptr<Figure>> figuresFor(const Experiment& experiment, const std::vector<ResultRow>& rows);

}  // namespace miwb::charts
