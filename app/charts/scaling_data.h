#pragma once
// The scaling numbers of a run: per estimator (and swept parameter value) and sample size N, the
// estimates and run times over repeats, and the true MI where the dataset knows it.
#include <QString>
#include <QStringList>
#include <map>
#include <vector>

#include "miwb/host/result_row.h"

namespace miwb::charts {

struct ScalingStat {
  long long n = 0;
  int count = 0;
  double mean = 0;
  double std = 0;  // sample standard deviation over repeats (0 for one repeat)
  double meanSeconds = 0;
};

class ScalingData {
 public:
  // Keeps successful I(X;Y) rows with an N; returns whether it kept it.
  bool add(const ResultRow& row);
  void clear();
  bool empty() const { return groups_.empty(); }

  // "estimator" or "estimator, param=value" when a parameter is swept; in first-seen order.
  QStringList groups() const { return groupOrder_; }
  std::vector<ScalingStat> stats(const QString& group) const;  // by increasing N; values in nats
  // True MI per sweep label ("" without a sweep): (N, nats), by increasing N.
  std::map<QString, std::vector<std::pair<long long, double>>> trueMi() const;

  // The data behind the figures: group, N, repeats, mean, std, true MI, mean seconds.
  QString toCsv(bool bits) const;

 private:
  struct Cell {
    std::vector<double> values, seconds;
  };
  std::map<QString, std::map<long long, Cell>> groups_;
  QStringList groupOrder_;
  std::map<QString, std::map<long long, std::vector<double>>> truth_;
};

}  // namespace miwb::charts
