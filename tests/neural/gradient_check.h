#pragma once
// Finite-difference checks of hand-written gradients.
#include <functional>

#include "critic.h"

// Largest |analytic - numeric| / max(1, |numeric|) over every parameter of the critic, for the
// scalar L = sum_ij weights(i, j) f(x_i, y_j) (central differences).
double criticGradientError(miwb::neural::Critic& critic, const miwb::neural::Mat& x, const miwb::neural::Mat& y,
                           const miwb::neural::Mat& weights);

// Largest |analytic - numeric| / max(1, |numeric|) of d value / d scores at `scores`.
double scoreGradientError(const std::function<double(const miwb::neural::Mat&)>& value,
                          const miwb::neural::Mat& scores, const miwb::neural::Mat& analytic);
