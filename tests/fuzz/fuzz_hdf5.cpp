// The HDF5 store reader (the HDF5 C library underneath; our code walks groups, checks shapes and
// dtypes and reads slices).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::limitMemory();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::exerciseStore(fuzz::writeInput(data, size, "h5"));
  return 0;
}
