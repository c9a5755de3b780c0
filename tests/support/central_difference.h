#pragma once
// (f(p + h) - f(p - h)) / 2h for a parameter p that evaluate() reads, restoring p afterwards: the
// reference that hand-written gradients are checked against (error O(h^2) plus rounding / h).
template <class Evaluate>
double centralDifference(double& p, const Evaluate& evaluate, double h = 1e-5) {
  const double saved = p;
  p = saved + h;
  const double up = evaluate();
  p = saved - h;
  const double down = evaluate();
  p = saved;
  return (up - down) / (2 * h);
}
