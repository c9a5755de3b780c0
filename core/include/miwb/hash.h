#pragma once
// FNV-1a, 64 bit: a hash that is the same on every platform and library (journal keys hash to
// shards, string keys to seeds), and a cheap mixer for hash tables of small words.
#include <cstdint>
#include <string_view>

namespace miwb {

inline constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ull;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

// One FNV-1a step over a whole word (not its bytes): for in-process hash tables only.
inline constexpr std::uint64_t fnv1aStep(std::uint64_t hash, std::uint64_t word) { return (hash ^ word) * kFnvPrime; }

// FNV-1a 64 of a byte string, the published algorithm (its test vectors hold).
inline constexpr std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = kFnvOffsetBasis;
  for (const char c : bytes) hash = fnv1aStep(hash, static_cast<unsigned char>(c));
  return hash;
}

}  // namespace miwb
