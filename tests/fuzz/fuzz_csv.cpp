// The CSV variable reader (header line, comments, ragged rows, non-numbers).
#include "fuzz_support.h"
#include "miwb/io/variable_file.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::limitMemory();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  miwb::Variable variable;
  (void)miwb::readVariableFile(fuzz::writeInput(data, size, "csv"), variable);  // any status is an answer
  return 0;
}
