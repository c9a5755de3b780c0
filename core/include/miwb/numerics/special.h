#pragma once
// Special functions used by the estimators.
namespace miwb {

// The digamma function psi(x) for x > 0 (recurrence up to x >= 6, then the asymptotic series);
// absolute error below 1e-13.
double digamma(double x);

}  // namespace miwb
