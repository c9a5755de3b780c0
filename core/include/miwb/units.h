#pragma once
// Units of information. Values are nats everywhere inside the workbench; bits only where shown.
namespace miwb {

inline constexpr double kBitsPerNat = 1.44269504088896340736;  // 1 / ln 2

inline constexpr double natsToBits(double nats) { return nats * kBitsPerNat; }

}  // namespace miwb
