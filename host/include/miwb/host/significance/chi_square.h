#pragma once
// The chi-square distribution's upper tail, for the analytic nulls of the Gaussian estimator
// (2 N I ~ chi-square(dx dy)) and of plug-in binning (the G-test, 2 N I ~ chi-square((Bx-1)(By-1))).
namespace miwb::numerics {

// Q(a, x) = Gamma(a, x) / Gamma(a), the regularized upper incomplete gamma function, for a > 0 and
// x >= 0: the series of P(a, x) below x = a + 1, Lentz's continued fraction for Q above (relative
// error about 1e-14).
double upperRegularizedGamma(double a, double x);

// P(chi-square with `dof` degrees of freedom >= statistic); 1 for a statistic <= 0 or dof <= 0.
double chiSquareSurvival(double statistic, double dof);

}  // namespace miwb::numerics
