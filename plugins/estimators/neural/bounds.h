#pragma once
// The variational bounds on one batch of critic scores F (K x K, F(i, j) = f(x_i, y_j)): the
// diagonal is drawn from p(x, y), the K(K-1) off-diagonal pairs from p(x) p(y).
//   DV      = mean_i F_ii - ln mean_{i!=j} e^{F_ij}                   (Donsker-Varadhan)
//   NWJ     = mean_i F_ii - e^{-1} mean_{i!=j} e^{F_ij}              (Nguyen-Wainwright-Jordan)
//   InfoNCE = ln K + mean_i (F_ii - ln sum_j e^{F_ij})  <= ln K      (van den Oord et al.)
//   SMILE   = mean_i F_ii - ln mean_{i!=j} clip(e^{F_ij}, e^-tau, e^tau)   (Song & Ermon 2020)
//   WDM     = mean_i F_ii - mean_{i!=j} F_ij, the Kantorovich-Rubinstein form of
//             W1(p(x,y), p(x)p(y)) when f is 1-Lipschitz: a dependency measure, not MI (Ozair et al. 2019)
//   MINE    = DV as a value; only its training gradient differs (see below).
#include <string>

#include "tensor.h"

namespace miwb::neural {

enum class BoundKind { Dv, Mine, Nwj, InfoNce, Smile, Wdm };

// The estimator id ("dv", "mine", ...) as a bound; false for an unknown id.
bool parseBound(const std::string& id, BoundKind& out);

// The value reported for one batch.
double boundValue(BoundKind kind, const Mat& scores, double tau);

// What training maximises, with memory across steps (MINE's moving average).
class TrainingObjective {
 public:
  TrainingObjective(BoundKind kind, double tau, double emaRate) : kind_(kind), tau_(tau), emaRate_(emaRate) {}
  // Writes the gradient of the objective w.r.t. the scores into dScores and returns the batch's
  // bound value (for monitoring).
  //  - DV, NWJ, InfoNCE, WDM: the exact gradient of the bound.
  //  - MINE: Belghazi et al. 2018's bias-corrected gradient, the DV gradient with the batch's
  //    mean_{i!=j} e^{F_ij} in the denominator replaced by its exponential moving average.
  //  - SMILE: as in Song & Ermon's reference code, the critic is trained on the Jensen-Shannon
  //    (f-GAN) bound  -mean_i softplus(-F_ii) - mean_{i!=j} softplus(F_ij), whose optimum is the log
  //    density ratio, and the clipped DV is only evaluated.
  double gradient(const Mat& scores, Mat& dScores);

 private:
  BoundKind kind_;
  double tau_, emaRate_;
  double logAverage_ = 0.0;  // ln of MINE's moving average of mean_{i!=j} e^{F_ij}
  bool started_ = false;
};

// ln mean_{i!=j} e^{F_ij}, computed stably.
double offDiagonalLogMeanExp(const Mat& scores);

// The Jensen-Shannon (f-GAN) bound SMILE trains on: -mean_i softplus(-F_ii) - mean_{i!=j} softplus(F_ij).
double jensenShannon(const Mat& scores);

}  // namespace miwb::neural
