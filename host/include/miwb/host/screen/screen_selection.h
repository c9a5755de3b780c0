#pragma once
// What a screen keeps: the ranking per estimator, q-values, the selection (top K and/or q at most the
// FDR level) and redundancy removal by clumping.
#include <optional>

#include "miwb/host/screen/multiple_testing.h"
#include "miwb/host/screen/screen_run.h"

namespace miwb {

struct SelectionOptions {
  std::optional<Index> top;           // keep ranks 1..K
  std::optional<FdrMethod> fdr;       // q-values from the p-values
  double fdrLevel = 0.05;             // keep q <= level (with fdr)
  std::optional<double> clumpCorrelation;  // R of --clump
};

// Linfoot's informational coefficient of correlation, sqrt(1 - e^(-2 I)): |r| for a Gaussian pair.
double linfootCorrelation(double nats);
// The MI of a Gaussian pair with correlation r, -1/2 ln(1 - r^2): the clumping threshold.
double gaussianPairInformation(double r);

// Rank 1 = the largest MI; equal MI ranks by feature index. Rows without an estimate get rank 0.
void rankRows(std::vector<ScreenRow>& rows);
// q-values of the rows with a p-value, over those rows.
void assignQValues(std::vector<ScreenRow>& rows, FdrMethod method);
// selected = ranked, and rank <= top (when set), and q <= level (when fdr is set); with neither every
// ranked row is selected.
void selectRows(std::vector<ScreenRow>& rows, const SelectionOptions& options);

// Redundancy removal among the selected rows: going down the ranking, a row whose feature's MI with an
// already kept feature (the same estimator, on the rows where both have values) exceeds
// gaussianPairInformation(R) is marked clumped_by the best-ranked such feature and unselected. The
// selected columns are read once (their memory counts against options.maxMemoryBytes).
Status clumpRows(ScreenTable& table, FeatureSource& source, const ScreenOptions& options, double correlation);

}  // namespace miwb
