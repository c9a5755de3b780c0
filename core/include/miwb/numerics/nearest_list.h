#pragma once
// The k best (distance, row) pairs found so far in a neighbour search, kept sorted in the caller's
// arrays. Ties in distance go to the lower row index, so the final answer is unique whatever order
// the candidates come in.
#include <limits>

#include "miwb/variable.h"

namespace miwb {

struct NearestList {
  Index* rows;
  double* distances;
  int k;
  int filled = 0;

  bool full() const { return filled == k; }
  double worst() const { return full() ? distances[k - 1] : std::numeric_limits<double>::infinity(); }

  void offer(double distance, Index row) {
    if (full() && (distance > distances[k - 1] || (distance == distances[k - 1] && row > rows[k - 1]))) return;
    int i = full() ? k - 1 : filled++;
    // Insertion step: k is small, so shifting beats a heap.
    while (i > 0 && (distances[i - 1] > distance || (distances[i - 1] == distance && rows[i - 1] > row))) {
      distances[i] = distances[i - 1];
      rows[i] = rows[i - 1];
      --i;
    }
    distances[i] = distance;
    rows[i] = row;
  }
};

}  // namespace miwb
