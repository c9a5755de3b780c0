#include "miwb/numerics/special.h"

#include <cmath>

namespace miwb {

double digamma(double x) {
  double result = 0.0;
  while (x < 6.0) {  // psi(x) = psi(x + 1) - 1/x
    result -= 1.0 / x;
    x += 1.0;
  }
  const double inv = 1.0 / x;
  const double inv2 = inv * inv;
  // psi(x) ~ ln x - 1/2x - sum B_2n / (2n x^2n)
  const double series =
      inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
  return result + std::log(x) - 0.5 * inv - series;
}

}  // namespace miwb
