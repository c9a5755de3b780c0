#pragma once
// The permutations of X's rows behind a permutation test's null distribution. For I(X;Y) a global
// shuffle breaks every dependence of X on the rest. For I(X;Y|Z) it would break X's dependence on Z
// too, and the null would then be too small (the test anti-conservative); Runge (2018) permutes
// locally instead: each sample gets the X of a sample with near Z, so the X-Z dependence stays.
#include <cstdint>
#include <vector>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

enum class PermutationScheme {
  Global,  // every permutation of the rows equally likely
  Local,   // given Z: within strata of labels, or among each sample's nearest neighbours in Z
};

class NullPermutations {
 public:
  // Global shuffles of n rows.
  static NullPermutations global(Index n);
  // Local permutations given z. Labels (z without values): a uniform shuffle within each value's
  // samples, the exact conditional null. Values: Runge's scheme over each sample's `neighbours`
  // nearest samples in z (itself included; max-norm on z's columns standardized, so that no column
  // dominates by its unit): the samples are visited in random order and each takes the X of a
  // not-yet-used one of its neighbours, drawn at random (any of them when all are used), so X
  // values repeat only where neighbourhoods are exhausted. Needs 1 <= neighbours <= n.
  static Status local(const Variable& z, int neighbours, NullPermutations& out);

  PermutationScheme scheme() const { return scheme_; }
  Index size() const { return n_; }
  // The rows of permutation number `draw` for the given seed: sample i gets X's row rows[i]. The
  // same (seed, draw) gives the same rows on every platform and thread count.
  std::vector<Index> rows(std::uint64_t seed, std::uint64_t draw) const;

 private:
  std::vector<Index> shuffled(std::uint64_t seed, std::uint64_t draw) const;
  std::vector<Index> withinStrata(std::uint64_t seed, std::uint64_t draw) const;
  std::vector<Index> amongNeighbours(std::uint64_t seed, std::uint64_t draw) const;

  PermutationScheme scheme_ = PermutationScheme::Global;
  Index n_ = 0;
  int k_ = 0;                              // neighbours per sample (local, values)
  std::vector<Index> neighbours_;          // n x k: each sample's nearest in z, itself first
  std::vector<std::vector<Index>> strata_;  // local, labels: each value's samples
};

}  // namespace miwb
