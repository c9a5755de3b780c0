#pragma once
// The .npy format (NumPy's array file): header parsing, element conversion and whole-file
// reading/writing. Parsed defensively: a header is checked against the bytes that follow it and
// against the machine's memory before anything is allocated.
#include <QString>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "miwb/memory_limit.h"  // checkAllocation
#include "miwb/status.h"
#include "miwb/variable.h"

class QFile;

namespace miwb {

struct NpyHeader {
  char kind = 'f';        // 'f' float, 'i' signed, 'u' unsigned, 'b' bool
  int itemSize = 8;       // bytes per element
  bool bigEndian = false;
  bool fortranOrder = false;
  std::vector<std::int64_t> shape;
  std::size_t dataOffset = 0;  // bytes from the start of the file to the first element

  std::uint64_t elementCount() const;
  std::uint64_t dataBytes() const { return elementCount() * static_cast<std::uint64_t>(itemSize); }
  bool isIntegral() const { return kind != 'f'; }
  std::string describe() const;  // "float32 array of shape (100, 3)"
};

// The longest header dict accepted, as numpy itself (max_header_size, numpy >= 1.24): plain numeric
// arrays need under 200 bytes, and a longer dict is not parsed at all (std::regex recurses per
// character and overflows the stack on a padded header of some 100 kB).
constexpr std::size_t kNpyMaxHeaderBytes = 10000;

// Parses the header from the first `available` bytes of a file. Needs the first 10 bytes to know the
// header length; returns InvalidInput naming the problem (the caller adds the file name).
Status parseNpyHeader(const char* bytes, std::size_t available, NpyHeader& out);
// Reads a dtype as numpy writes it in a header and as `array.dtype.str` gives it ("<f8", "|b1",
// ">i4") into kind, itemSize and bigEndian; other dtypes are InvalidInput naming the dtype.
Status parseNpyDescr(const std::string& descr, NpyHeader& out);
// Bytes needed to parse the header, known from the first 10 bytes (0 if fewer are given or bad magic).
std::size_t npyHeaderLength(const char* bytes, std::size_t available);

// Converts `count` raw elements (in the header's dtype and byte order) to doubles.
void convertNpyElements(const char* raw, std::size_t count, const NpyHeader& header, double* out);

// Rearranges a Fortran-order (column-major) array into C order as its elements stream past in file
// order, keeping rows [firstRow, firstRow + rowCount) of axis 0: each kept row becomes the C-order
// flattening of the other axes, so an N-D array reads as it would from np.ascontiguousarray. Axis 0
// varies fastest on disk, so a slice needs one pass over the whole array, but only one chunk of it
// in memory at a time.
class FortranToC {
 public:
  FortranToC(std::vector<std::int64_t> shape, std::int64_t firstRow, std::int64_t rowCount);
  // The next `count` elements in file order; writes the kept ones into `out`
  // (rowCount x the product of the other axes, C order).
  void place(const double* values, std::size_t count, double* out);

 private:
  std::vector<std::int64_t> shape_;
  std::vector<std::int64_t> index_;     // logical index of the next element
  std::vector<std::uint64_t> stride_;   // C-order strides within a row (axis 0 unused)
  std::uint64_t rowElements_ = 1;
  std::uint64_t inRow_ = 0;             // C offset of index_[1..] within its row
  std::int64_t firstRow_, rowCount_;
};

// Reads a .npy file in two steps, so a caller can put the data straight into its own buffer: open()
// parses and checks the header (against the file's size and the machine's memory), readInto()
// converts the data to doubles in C order whatever the file's order and number of dimensions.
class NpyFileReader {
 public:
  explicit NpyFileReader(const QString& path);
  ~NpyFileReader();
  Status open();
  const NpyHeader& header() const { return header_; }
  // `out` holds header().elementCount() doubles.
  Status readInto(double* out);

 private:
  QString path_;
  std::string name_;
  std::unique_ptr<QFile> file_;
  NpyHeader header_;
};

// A whole array in C order, converted to double.
struct NpyArray {
  NpyHeader header;
  std::vector<double> data;  // row-major (C order) whatever the file's order
};
Status readNpyFile(const QString& path, NpyArray& out);

// Encodes a row-major matrix (or a 1-D vector when `asVector`) as a little-endian float64 .npy.
std::string encodeNpy(const Matrix& values, bool asVector = false);
std::string encodeNpy(const Labels& labels);  // int64 1-D
Status writeFile(const QString& path, const std::string& bytes);

}  // namespace miwb
