#include "miwb/run_context.h"

#include "miwb/hash.h"

namespace miwb {

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream) {
  // splitmix64 of the seed combined with the stream id.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t mixSeed(std::uint64_t seed, const std::string& key) {
  return mixSeed(seed, fnv1a64(key));
}

}  // namespace miwb
