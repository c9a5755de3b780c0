// The .npz container (libzip; stored and deflated members) and the store built on it.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::limitMemory();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::exerciseStore(fuzz::writeInput(data, size, "npz"));
  return 0;
}
