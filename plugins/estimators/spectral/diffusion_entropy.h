#pragma once
// Diffusion spectral entropy (Liao et al. 2023, "Assessing Neural Network Representations During
// Training Using Noise-Resilient Diffusion Spectral Entropy"):
//   G_ij = exp(-||z_i - z_j||^2 / (2 sigma^2)), D = diag(row sums of G), K = D^-1/2 G D^-1/2,
//   p_i = |lambda_i(K)|^t / sum_j |lambda_j(K)|^t,  DSE = -sum_i p_i ln p_i.
// K has the eigenvalues of the diffusion operator P = D^-1 G (it is similar to it), so |lambda| <= 1
// with lambda_max = 1. The authors' code multiplies G by 1/(sigma sqrt(2 pi)); that constant cancels
// in D^-1/2 G D^-1/2 and is left out. They report log2; we return nats (bits = nats / ln 2) and take
// 0 ln 0 = 0 where their code adds machine epsilon to every p_i.
#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb::spectral {

// DSE in nats of the rows of z (at least one row). With topEigenvalues = 0 (or not below N/2) the
// full symmetric eigen-decomposition, O(N^3); otherwise only the topEigenvalues of largest magnitude
// (Lanczos iterations with Spectra, O(k N^2) per restart) enter p, an approximation that is close
// when t makes the rest of the spectrum negligible.
Status diffusionSpectralEntropy(const Matrix& z, double sigma, int t, Index topEigenvalues, double& nats);

}  // namespace miwb::spectral
