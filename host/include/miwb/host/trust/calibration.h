#pragma once
// Calibration at the user's N and dims (docs/trust.md): the estimator runs on known-truth data of the
// same shape (calibration_family.h) over a grid of true MI values reaching past the user's
// estimate; its mean and spread against the truth are read back at the user's estimate
// (host/trust/calibration_curve.h). Where the curve flattens the answer is a one-sided bound, said in
// words. Curves are cached by (estimator, resolved params, N, dx, dy, family, repeats, level) in
// a folder, so a second calibration of the same shape computes nothing new.
#include <QString>
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "miwb/host/trust/calibration_curve.h"
#include "miwb/params.h"
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

class PluginRegistry;

struct CalibrationRequest {
  std::string estimatorId;
  Json estimatorParams = Json::object();  // resolved (defaults filled in)
  Index n = 0, dx = 0, dy = 0;
  std::string family;  // empty: the default for the shape
  double estimate = 0; // the user's estimate, nats
  double level = 0.9;
  int repeats = 6;     // estimates per grid point
  QString cacheFolder; // empty: no cache
  const std::atomic<bool>* cancel = nullptr;
};

struct CalibrationResult {
  std::string family;  // the family used, e.g. "gaussian"
  std::vector<numerics::CalibrationRow> curve;
  std::vector<double> strengths;  // the family's strength parameter at each grid truth
  numerics::ReadBack readBack;
  double maxTruth = 0;  // the top of the grid
  bool bound = false;   // one-sided: the curve flattens below the estimate's band
  // readBack.outside: the range of estimates the curve's bands span (nothing in it is the estimate).
  double producedLow = 0, producedHigh = 0;
  std::string statement;  // the answer in words
  int computedPoints = 0;  // grid points run now (0: all from the cache)
  Json toJson(const CalibrationRequest& request) const;
};

// Runs on the caller's oneTBB arena (points and repeats in parallel).
Status calibrate(const PluginRegistry& registry, const CalibrationRequest& request, CalibrationResult& out);

// The grid's truths, nats, from which a calibration takes those its family reaches.
const std::vector<double>& calibrationGrid();

}  // namespace miwb
