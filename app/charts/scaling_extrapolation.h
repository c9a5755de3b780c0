#pragma once
// The extrapolation of a scaling curve drawn on the scaling chart (host/extrapolation.h): the
// fitted I(N) = I_inf - a N^-b and the limit I_inf, both dashed in the estimator's colour.
#include <QColor>
#include <QString>
#include <vector>

#include "miwb/host/trust/extrapolation.h"

class QLineSeries;

namespace miwb::charts {

struct ExtrapolationSeries {
  QLineSeries* curve = nullptr;  // the fit over [nFrom, nTo]
  QLineSeries* limit = nullptr;  // I_inf across the same range; nullptr when the fit cannot identify it
  double low = 0, high = 0;      // the fit's range, and the limit's if trusted, in the chart's unit
};

// Empty series (nullptr) when the curve has too few sample sizes for a fit. `scale` converts
// nats to the chart's unit.
ExtrapolationSeries extrapolationSeries(const QString& group, const std::vector<CurveSamples>& samples, QColor colour,
                                        double scale, double nFrom, double nTo);

}  // namespace miwb::charts
