#pragma once
// How much memory one piece of user data (an array, a store slice, a training set) may take. Readers
// call checkAllocation() with the size a header or a shape claims before allocating anything, so a
// file that claims a terabyte, or a slice larger than the machine, is a one-sentence error instead of
// a crash. The limit is process-wide: the machine's physical memory unless a front end sets one
// (`miwb-cli run --max-memory`).
#include <cstdint>
#include <string>

#include "miwb/status.h"

namespace miwb {

// Physical memory of this machine in bytes (0 when the system does not say).
std::uint64_t physicalMemoryBytes();

// The limit in force: the one set, else physical memory (0: unknown, nothing is refused).
std::uint64_t memoryLimitBytes();
// 0 restores the default. Thread-safe; meant to be set once, before a run.
void setMemoryLimitBytes(std::uint64_t bytes);

// Ok when `bytes` fits under the limit; otherwise InvalidInput naming `what` and both sizes.
Status checkAllocation(std::uint64_t bytes, const std::string& what);

// Parses a size such as "512M", "8G", "1.5T" or a plain number of bytes (K, M, G, T are powers of
// 1024; an optional trailing "B" or "iB" is accepted). False when the text is not a positive size.
bool parseMemorySize(const std::string& text, std::uint64_t& bytes);

}  // namespace miwb
