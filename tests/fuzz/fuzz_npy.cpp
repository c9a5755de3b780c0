// The .npy header parser and element conversion on raw bytes, then the whole-file reader
// (header checked against the file's size, C and Fortran order, labels or values).
#include <algorithm>
#include <vector>

#include "fuzz_support.h"
#include "miwb/io/npy.h"
#include "miwb/io/variable_file.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::limitMemory();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const char* bytes = reinterpret_cast<const char*>(data);
  miwb::NpyHeader header;
  if (miwb::parseNpyHeader(bytes, size, header).isOk() && header.dataOffset <= size) {
    const std::uint64_t whole = (size - header.dataOffset) / static_cast<std::size_t>(header.itemSize);
    const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(whole, header.elementCount()));
    std::vector<double> values(count);
    miwb::convertNpyElements(bytes + header.dataOffset, count, header, values.data());
  }
  miwb::Variable variable;
  (void)miwb::readVariableFile(fuzz::writeInput(data, size, "npy"), variable);  // any status is an answer
  return 0;
}
