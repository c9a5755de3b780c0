#pragma once
// The scaling numbers of a run: per estimator (and swept parameter value), quantity and sample
// size N, the estimates and run times over repeats, and the true values where the dataset knows them.
#include <QString>
#include <QStringList>
#include <map>
#include <vector>

#include "miwb/host/trust/extrapolation.h"
#include "miwb/host/run/result_row.h"

namespace miwb::charts {

struct ScalingStat {
  long long n = 0;
  int count = 0;
  double mean = 0;
  double std = 0;  // sample standard deviation over repeats (0 for one repeat)
  double meanSeconds = 0;
};

// The true value of one quantity (for one swept value) against N.
struct TrueLine {
  QString name;      // "true I(X;Y)", "true H(X), rho=0.5"
  QString quantity;
  std::vector<std::pair<long long, double>> points;  // (N, nats), by increasing N
};

class ScalingData {
 public:
  // Keeps successful rows of the pairs quantities (I(X;Y), H(X), H(Y)) with an N; returns whether
  // it kept it.
  bool add(const ResultRow& row);
  void clear();
  bool empty() const { return curves_.empty(); }

  // The quantities measured, in the order results list them.
  QStringList quantities() const;
  // One name per curve, in first-seen order: the estimator's label (", param=value" when a
  // parameter is swept), and " · quantity" after it when the run measures more than one quantity.
  QStringList groups() const;
  QString quantityOf(const QString& group) const;
  std::vector<ScalingStat> stats(const QString& group) const;  // by increasing N; values in nats
  // Every repeat's value at each N (for the extrapolation fit).
  std::vector<CurveSamples> samples(const QString& group) const;
  // Per quantity measured (in quantities() order) and swept value, where the dataset knows it.
  std::vector<TrueLine> trueLines() const;

  // The data behind the figures: series, quantity, N, repeats, mean, std, mean seconds; then the
  // true values as series "true <quantity>".
  QString toCsv(bool bits) const;

 private:
  struct Cell {
    std::vector<double> values, seconds;
  };
  struct Curve {
    QString estimator;  // label, with ", param=value" under a sweep
    QString quantity;
    std::map<long long, Cell> byN;
  };
  QString nameOf(const Curve& curve) const;
  const Curve* find(const QString& group) const;

  std::vector<Curve> curves_;  // first-seen order
  // (quantity, sweep label) -> N -> the true values reported (one per task, all equal in practice).
  std::map<std::pair<QString, QString>, std::map<long long, std::vector<double>>> truth_;
};

}  // namespace miwb::charts
