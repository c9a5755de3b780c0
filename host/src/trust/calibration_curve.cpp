#include "miwb/host/trust/calibration_curve.h"

#include <algorithm>
#include <cmath>

#include "miwb/host/trust/resampling.h"

namespace miwb::numerics {
namespace {

// The t in [t0, t1] where the line through (t0, v0) and (t1, v1) reaches `target`.
double crossing(double t0, double v0, double t1, double v1, double target) {
  if (v1 == v0) return t0;
  return t0 + (t1 - t0) * std::clamp((target - v0) / (v1 - v0), 0.0, 1.0);
}

}  // namespace

std::vector<double> isotonic(const std::vector<double>& values, const std::vector<double>& weights) {
  struct Block {
    double sum, weight;
    std::size_t count;
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < values.size(); ++i) {
    blocks.push_back({values[i] * weights[i], weights[i], 1});
    while (blocks.size() > 1) {
      const Block& b = blocks.back();
      const Block& a = blocks[blocks.size() - 2];
      if (a.sum / a.weight <= b.sum / b.weight) break;
      const Block merged{a.sum + b.sum, a.weight + b.weight, a.count + b.count};
      blocks.pop_back();
      blocks.back() = merged;
    }
  }
  std::vector<double> out;
  for (const Block& b : blocks) out.insert(out.end(), b.count, b.sum / b.weight);
  return out;
}

std::vector<CalibrationRow> fitCalibration(const std::vector<CalibrationSample>& samples, double level) {
  std::vector<CalibrationRow> rows;
  std::vector<double> means, weights, variances;
  for (const auto& s : samples) {
    CalibrationRow r;
    r.truth = s.truth;
    r.mean = mean(s.estimates);
    r.std = sampleStd(s.estimates);
    r.repeats = static_cast<int>(s.estimates.size());
    rows.push_back(r);
    means.push_back(r.mean);
    weights.push_back(r.repeats);
    variances.push_back(r.std * r.std);
  }
  const std::vector<double> fitted = isotonic(means, weights);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t lo = i == 0 ? 0 : i - 1, hi = std::min(rows.size() - 1, i + 1);
    double v = 0, dof = 0;
    for (std::size_t j = lo; j <= hi; ++j) {
      v += variances[j];
      dof += rows[j].repeats - 1;
    }
    v /= static_cast<double>(hi - lo + 1);
    rows[i].fittedMean = fitted[i];
    rows[i].halfWidth = studentQuantile((1 + level) / 2, std::max(dof, 1.0)) * std::sqrt(v * (1 + 1.0 / rows[i].repeats));
  }
  return rows;
}

ReadBack readBack(const std::vector<CalibrationRow>& rows, double estimate) {
  ReadBack out;
  for (const auto& r : rows) out.ceiling = std::max(out.ceiling, r.fittedMean);
  auto upper = [&](std::size_t i) { return rows[i].fittedMean + rows[i].halfWidth; };
  auto lower = [&](std::size_t i) { return rows[i].fittedMean - rows[i].halfWidth; };
  const std::size_t last = rows.size() - 1;
  // Bands are linear between grid points, so none holds the estimate when every lower band at a
  // grid point lies above it. Reading such a curve back would give a confident, false interval
  // (the lowest truth, "between 0 and 0").
  bool someLowerBandBelow = false;
  for (std::size_t i = 0; i <= last; ++i) someLowerBandBelow = someLowerBandBelow || lower(i) <= estimate;
  if (!someLowerBandBelow) {
    out.outside = true;
    return out;
  }
  // Low end: the first truth whose upper band reaches the estimate.
  if (upper(0) >= estimate) out.low = rows[0].truth;
  for (std::size_t i = 1; i <= last && !out.low; ++i)
    if (upper(i) >= estimate) out.low = crossing(rows[i - 1].truth, upper(i - 1), rows[i].truth, upper(i), estimate);
  if (!out.low) {
    out.aboveEveryBand = true;
    out.low = rows[last].truth;
    return out;
  }
  // High end: the last truth whose lower band is still at or below the estimate.
  if (lower(last) > estimate) {
    for (std::size_t i = last; i > 0; --i)
      if (lower(i - 1) <= estimate) {
        out.high = crossing(rows[i - 1].truth, lower(i - 1), rows[i].truth, lower(i), estimate);
        break;
      }
    if (!out.high) out.high = rows[0].truth;
  }
  // The point: where the fitted mean first reaches the estimate.
  if (rows[0].fittedMean >= estimate) out.calibrated = rows[0].truth;
  for (std::size_t i = 1; i <= last && !out.calibrated; ++i)
    if (rows[i].fittedMean >= estimate)
      out.calibrated = crossing(rows[i - 1].truth, rows[i - 1].fittedMean, rows[i].truth, rows[i].fittedMean, estimate);
  if (out.calibrated) {
    out.low = std::min(*out.low, *out.calibrated);
    if (out.high) out.high = std::max(*out.high, *out.calibrated);
  }
  return out;
}

}  // namespace miwb::numerics
