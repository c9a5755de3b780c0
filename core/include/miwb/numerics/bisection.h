#pragma once
// Bisection over a sorted array by a predicate, shared by the neighbour structures.
#include "miwb/variable.h"

namespace miwb {

// Length of the prefix of values[0, n) on which `inPrefix` holds, for a predicate that is true on
// a prefix and false after it. The step picks the next base with a conditional move rather than
// a branch where the compiler can; both halves stay the same length, so the loop runs log2(n)
// times whatever the data.
template <class Predicate>
Index prefixLength(const double* values, Index n, Predicate inPrefix) {
  if (n == 0) return 0;
  const double* base = values;
  while (n > 1) {
    const Index half = n / 2;
    base = inPrefix(base[half]) ? base + half : base;
    n -= half;
  }
  return (base - values) + (inPrefix(*base) ? 1 : 0);
}

}  // namespace miwb
