#pragma once
// One finished task: one line of results.jsonl and one row of the tidy table.
#include <optional>
#include <string>

#include "miwb/params.h"

namespace miwb {

struct ResultRow {
  std::string task;       // stable key
  std::string estimator;  // label
  std::string estimatorId;
  std::string quantity;   // one of quantitiesOf(kind): "I(X;Y)", "I(X;Y|Z)", "H(X)", "H(Y)", "I(X;T)", "I(T;Y)", "H(T)"
  std::optional<long long> n;
  // Columns of the two variables measured (dy absent for an entropy); calibration needs the shape.
  std::optional<long long> dx, dy;
  std::optional<int> repeat;
  std::optional<std::string> layer;
  // The layer's place in the store's layer list: views order and colour layers by it, so a run that
  // measures only some layers (or resumes with some missing) keeps the store's order and colours.
  std::optional<int> layerIndex;
  std::optional<int> epoch;
  std::string sweepParam;  // empty when there is no sweep
  Json sweepValue;
  std::optional<double> valueNats;
  std::optional<double> stderrNats;
  std::optional<double> trueNats;  // the true value of the quantity where the dataset knows it
  std::string benchmarkTask;       // benchmark kind: the dataset's task id; empty otherwise
  bool standardized = false;       // the estimator saw every column at mean 0, population sd 1
  // The interval from random halves when the experiment asks for "uncertainty" (host/uncertainty.h).
  std::optional<double> ciLowNats, ciHighNats;
  // The permutation test's p and its null's mean when the experiment asks for "significance"
  // (host/significance); effective = value - null mean.
  std::optional<double> pValue, nullMeanNats;
  double seconds = 0;
  bool ok = true;
  std::string message;
  Json details = Json::object();

  Json toJson() const;
  static bool fromJson(const Json& line, ResultRow& out);
};

// Column order of results.csv.
const char* resultCsvHeader();
std::string toCsvLine(const ResultRow& row);

}  // namespace miwb
