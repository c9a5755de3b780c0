#pragma once
// A screen: one outcome against every feature of a file, with each estimator, the features read a
// block of columns at a time (feature_source.h) and the block's features estimated in parallel.
// A feature's estimate is exactly `miwb-cli estimate` on that column: the same estimator call with a
// run context seeded by the screen's seed. Missing values (NaN) in a feature drop those rows for that
// feature alone, and the rows used are reported. A constant feature is 0 without an estimator call.
// With permutations, p = (1 + #{null >= observed}) / (1 + P) (significance/permutation_test.h) from P
// global shuffles of the outcome shared by every feature: permutation b is the same shuffle of the
// outcome's rows for every feature without missing values (a feature with missing values shuffles
// its own rows, with the same seed and draw).
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "miwb/estimator.h"
#include "miwb/host/screen/feature_source.h"
#include "miwb/params.h"

namespace miwb {

struct ScreenEstimator {
  std::string id;
  Json params;  // resolved
  const Estimator* estimator = nullptr;
};

struct ScreenOptions {
  std::uint64_t seed = 0;
  int threads = 0;         // workers of the screen's arena; 0: all cores
  int permutations = 0;    // P; 0: no p-values
  std::uint64_t maxMemoryBytes = 512ull << 20;  // for a block of feature columns (and the shared nulls)
  // Only features [firstFeature, endFeature): one shard of a screen split over processes (-1: to the
  // last feature).
  Index firstFeature = 0, endFeature = -1;
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(double fraction)> progress;  // called between blocks
};

// One feature under one estimator.
struct ScreenRow {
  Index feature = 0;
  Index n = 0;  // rows used: the samples without a missing value in this feature
  double miNats = std::numeric_limits<double>::quiet_NaN();  // NaN: not estimated (see note)
  std::optional<double> pValue, qValue;
  Index rank = 0;  // 1 = most informative; 0: not ranked (no estimate)
  bool selected = false;
  std::optional<Index> clumpedBy;
  std::string note;  // why there is no estimate, or "constant"
};

struct ScreenTable {
  ScreenEstimator estimator;
  std::vector<ScreenRow> rows;  // by feature index
  double seconds = 0.0;         // estimating (and permuting), wall time
};

struct ScreenResult {
  std::vector<std::string> names;  // per feature, empty when the file has none
  std::vector<ScreenTable> tables; // one per estimator, in the order given
  double readSeconds = 0.0;
  Index blocks = 0;
  Index firstFeature = 0, endFeature = 0;  // the features estimated (all but in a shard)
};

// The outcome: one column of values or labels, without missing values, of source.samples() rows.
Status runScreen(FeatureSource& source, const Variable& outcome, const std::vector<ScreenEstimator>& estimators,
                 const ScreenOptions& options, ScreenResult& out);

// The estimate of one feature column (`column`, n values, NaN for missing) against the outcome, with
// its permutation p-value when `permutations` > 0: what runScreen does for each feature.
ScreenRow screenFeature(const Estimator& estimator, const double* column, const Variable& outcome, Index feature,
                        const ScreenOptions& options, const std::vector<Variable>* sharedNulls);

}  // namespace miwb
