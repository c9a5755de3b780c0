#pragma once
// The distribution a bmi task starts from, before any map: it draws (X, Y) and knows the closed-form
// MI and entropies.
#include <optional>

#include "miwb/dataset.h"
#include "miwb/random.h"
#include "miwb/variable.h"

namespace miwb::bmi {

class BaseDistribution {
 public:
  virtual ~BaseDistribution() = default;
  // n rows of X (n x dx) and Y (n x dy), drawn row by row from `random`.
  virtual void draw(Index n, Random& random, Matrix& x, Matrix& y) const = 0;
  virtual double mutualInformation() const = 0;
  virtual std::optional<double> entropy(PairSide side) const = 0;
  // Every coordinate is standard normal: what the closed forms for coordinatewise maps assume.
  virtual bool hasStandardNormalMarginals() const { return false; }
};

}  // namespace miwb::bmi
