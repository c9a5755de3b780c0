#pragma once
// The joint critic's network in the form its pair kernels read: f(x_i, y_j) = tail(act(a_i + b_j))
// with a_i = W1x x_i and b_j = W1y y_j + b1 computed once per batch (the first layer is separable),
// then dense tail layers down to one output. The kernels evaluate tiles of pairs, one anchor i
// against kLanes consecutive y's, with every operation a SIMD operation over the tile's pairs, so
// nothing K^2 x hidden is ever stored. T is double or float. A tile is one SIMD register of the
// widest kind the CPU has (8 doubles with AVX-512, 4 with AVX2, 2 otherwise): pairLanes<T>().
#include <vector>

#include "miwb/nn/activation.h"
#include "tensor.h"

namespace miwb::neural {

// Pairs per tile on this CPU; fixed for the process, so sums kept per lane add up the same way in
// every run on the machine.
template <class T>
Index pairLanes();

template <class T>
struct PairNetwork {
  nn::Activation activation = nn::Activation::Relu;
  Index k = 0;       // anchors and y's in the batch
  Index lanes = pairLanes<T>();
  Index padded = 0;  // k rounded up to whole tiles
  std::vector<Index> widths;  // {H1, H2, ..., 1}: the first layer's units, then each tail layer's
  std::vector<T> a;           // k x H1 row-major: a[i H1 + u] = (x_i W1x)_u
  std::vector<T> bt;          // H1 x padded: bt[u padded + j] = (y_j W1y + b1)_u, 0 in the padding
  std::vector<std::vector<T>> weights;  // tail layer t: widths[t] x widths[t+1], column-major
  std::vector<std::vector<T>> biases;   // tail layer t: widths[t+1]
};

// What the backward kernel adds up over the pairs it is given. The tail's sums keep their tile
// lanes apart ([(u + v * in) * lanes + lane]) so that the caller reduces them in a fixed order.
template <class T>
struct PairGradients {
  std::vector<std::vector<T>> weightLanes, biasLanes;  // per tail layer
  std::vector<T> dbt;  // H1 x padded: sum over the anchors of d score / d b_j
  void reset(const PairNetwork<T>& net);
};

// Writes f(x_i, y_j) to scores[i * rowStride + j * colStride] for anchors i in [first, last).
void pairForward(const PairNetwork<double>& net, Index first, Index last, double* scores, Index rowStride,
                 Index colStride);
void pairForward(const PairNetwork<float>& net, Index first, Index last, double* scores, Index rowStride,
                 Index colStride);

// For anchors i in [first, last), adds the gradient of sum_ij dScores_ij f(x_i, y_j) to `into`
// (tail parameters and b) and writes row i of d/da (k x H1 row-major, `da`).
void pairBackward(const PairNetwork<double>& net, Index first, Index last, const double* dScores, Index rowStride,
                  Index colStride, PairGradients<double>& into, double* da);
void pairBackward(const PairNetwork<float>& net, Index first, Index last, const double* dScores, Index rowStride,
                  Index colStride, PairGradients<float>& into, double* da);

}  // namespace miwb::neural
