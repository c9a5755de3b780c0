#include "miwb/io/npy.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <regex>
#include <sstream>

namespace miwb {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicLength = 6;

template <class T>
T loadElement(const char* p, bool swap) {
  char buffer[sizeof(T)];
  std::memcpy(buffer, p, sizeof(T));
  if (swap) std::reverse(buffer, buffer + sizeof(T));
  T value;
  std::memcpy(&value, buffer, sizeof(T));
  return value;
}

// IEEE half precision to double (NumPy's float16).
double halfToDouble(std::uint16_t h) {
  const int sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  double v;
  if (exponent == 0) v = std::ldexp(mantissa, -24);
  else if (exponent == 31) v = mantissa ? std::nan("") : INFINITY;
  else v = std::ldexp(mantissa + 1024, exponent - 25);
  return sign ? -v : v;
}

}  // namespace

std::uint64_t NpyHeader::elementCount() const {
  std::uint64_t count = 1;
  for (auto d : shape) count *= static_cast<std::uint64_t>(d);
  return count;
}

std::string NpyHeader::describe() const {
  std::ostringstream s;
  s << (kind == 'f' ? "float" : kind == 'i' ? "int" : kind == 'u' ? "uint" : "bool");
  if (kind != 'b') s << itemSize * 8;
  s << " array of shape (";
  for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
  s << (shape.size() == 1 ? ",)" : ")");
  return s.str();
}

std::size_t npyHeaderLength(const char* bytes, std::size_t available) {
  if (available < 10 || std::memcmp(bytes, kMagic, kMagicLength) != 0) return 0;
  const auto major = static_cast<unsigned char>(bytes[6]);
  if (major == 1) return 10 + (static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8));
  if (available < 12) return 0;
  std::uint32_t len = 0;
  for (int i = 0; i < 4; ++i) len |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
  return 12 + static_cast<std::size_t>(len);  // in 64 bits: 12 + 0xffffffff must not wrap to 11
}

Status parseNpyDescr(const std::string& descr, NpyHeader& out) {
  std::smatch m;
  static const std::regex plainRe(R"(([<>|=])([a-zA-Z])(\d+))");
  if (!std::regex_match(descr, m, plainRe))
    return Status::invalidInput("unsupported dtype '" + descr + "' (need a plain numeric dtype)");
  const char order = m[1].str()[0];
  const char kind = m[2].str()[0];
  const int size = std::stoi(m[3].str());
  const bool supported = (kind == 'f' && (size == 2 || size == 4 || size == 8)) ||
                          ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)) ||
                          (kind == 'b' && size == 1);
  if (!supported)
    return Status::invalidInput("unsupported dtype '" + descr + "' (need bool, int, uint or float of 16-64 bits)");
  out.kind = kind;
  out.itemSize = size;
  out.bigEndian = order == '>' && size > 1;
  return Status::ok();
}

Status parseNpyHeader(const char* bytes, std::size_t available, NpyHeader& out) {
  if (available < 10 || std::memcmp(bytes, kMagic, kMagicLength) != 0)
    return Status::invalidInput("not a .npy file (no NUMPY magic)");
  const auto major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) return Status::invalidInput("unsupported .npy format version " + std::to_string(major));
  const std::size_t total = npyHeaderLength(bytes, available);
  const std::size_t prefix = major == 1 ? 10 : 12;
  if (total > prefix + kNpyMaxHeaderBytes)
    return Status::invalidInput(".npy header of " + std::to_string(total - prefix) + " bytes is longer than the " +
                                std::to_string(kNpyMaxHeaderBytes) + " numpy itself accepts");
  if (total == 0 || total > available) return Status::invalidInput("truncated .npy header");
  const std::string dict(bytes + prefix, total - prefix);

  std::smatch m;
  static const std::regex descrRe(R"('descr'\s*:\s*'([^']*)')");
  static const std::regex orderRe(R"('fortran_order'\s*:\s*(True|False))");
  static const std::regex shapeRe(R"('shape'\s*:\s*\(([^)]*)\))");
  if (!std::regex_search(dict, m, descrRe)) {
    static const std::regex anyDescr(R"('descr'\s*:\s*([^,}]*))");
    std::smatch any;
    const std::string what = std::regex_search(dict, any, anyDescr) ? any[1].str() : std::string("none");
    return Status::invalidInput("unsupported dtype " + what + " (need a plain numeric dtype)");
  }
  MIWB_TRY(parseNpyDescr(m[1].str(), out));
  if (!std::regex_search(dict, m, orderRe)) return Status::invalidInput(".npy header lacks 'fortran_order'");
  out.fortranOrder = m[1].str() == "True";
  if (!std::regex_search(dict, m, shapeRe)) return Status::invalidInput(".npy header lacks 'shape'");
  out.shape.clear();
  std::stringstream dims(m[1].str());
  std::string part;
  while (std::getline(dims, part, ',')) {
    if (part.find_first_not_of(" \t") == std::string::npos) continue;
    try {
      std::size_t used = 0;
      const long long d = std::stoll(part, &used);
      if (d < 0) throw std::invalid_argument(part);
      out.shape.push_back(d);
    } catch (const std::exception&) {
      return Status::invalidInput(".npy header has a bad shape entry '" + part + "'");
    }
  }
  // Guard against overflow in elementCount() for absurd shapes.
  long double count = 1;
  for (auto d : out.shape) count *= static_cast<long double>(d);
  if (count * out.itemSize > 1e18L) return Status::invalidInput("the .npy header claims an absurd size");
  out.dataOffset = total;
  return Status::ok();
}

void convertNpyElements(const char* raw, std::size_t count, const NpyHeader& h, double* out) {
  const bool swap = h.bigEndian;  // this code runs on little-endian machines
  for (std::size_t i = 0; i < count; ++i) {
    const char* p = raw + i * static_cast<std::size_t>(h.itemSize);
    double v = 0;
    switch (h.kind) {
      case 'f':
        v = h.itemSize == 8   ? loadElement<double>(p, swap)
            : h.itemSize == 4 ? static_cast<double>(loadElement<float>(p, swap))
                              : halfToDouble(loadElement<std::uint16_t>(p, swap));
        break;
      case 'i':
        v = h.itemSize == 8   ? static_cast<double>(loadElement<std::int64_t>(p, swap))
            : h.itemSize == 4 ? loadElement<std::int32_t>(p, swap)
            : h.itemSize == 2 ? loadElement<std::int16_t>(p, swap)
                              : static_cast<std::int8_t>(*p);
        break;
      case 'u':
        v = h.itemSize == 8   ? static_cast<double>(loadElement<std::uint64_t>(p, swap))
            : h.itemSize == 4 ? loadElement<std::uint32_t>(p, swap)
            : h.itemSize == 2 ? loadElement<std::uint16_t>(p, swap)
                              : static_cast<std::uint8_t>(*p);
        break;
      default:
        v = *p ? 1.0 : 0.0;
    }
    out[i] = v;
  }
}

FortranToC::FortranToC(std::vector<std::int64_t> shape, std::int64_t firstRow, std::int64_t rowCount)
    : shape_(std::move(shape)), index_(shape_.size(), 0), stride_(shape_.size(), 1), firstRow_(firstRow),
      rowCount_(rowCount) {
  for (std::size_t j = shape_.size(); j-- > 1;) {
    stride_[j] = rowElements_;
    rowElements_ *= static_cast<std::uint64_t>(shape_[j]);
  }
}

void FortranToC::place(const double* values, std::size_t count, double* out) {
  const std::size_t rank = shape_.size();
  for (std::size_t k = 0; k < count; ++k) {
    const std::int64_t row = rank ? index_[0] - firstRow_ : 0;
    if (row >= 0 && row < rowCount_) out[static_cast<std::uint64_t>(row) * rowElements_ + inRow_] = values[k];
    // Advance the logical index, axis 0 fastest (Fortran order).
    for (std::size_t j = 0; j < rank; ++j) {
      if (j > 0) inRow_ += stride_[j];
      if (++index_[j] < shape_[j] || j + 1 == rank) break;
      if (j > 0) inRow_ -= stride_[j] * static_cast<std::uint64_t>(shape_[j]);
      index_[j] = 0;
    }
  }
}

NpyFileReader::NpyFileReader(const QString& path) : path_(path), name_(path.toStdString()) {}
NpyFileReader::~NpyFileReader() = default;

Status NpyFileReader::open() {
  file_ = std::make_unique<QFile>(path_);
  if (!file_->exists()) return Status::invalidInput(name_ + ": no such file");
  if (!file_->open(QIODevice::ReadOnly))
    return Status::invalidInput(name_ + ": cannot be read (" + file_->errorString().toStdString() + ")");
  QByteArray head = file_->read(12);
  const std::size_t headerLength = npyHeaderLength(head.constData(), static_cast<std::size_t>(head.size()));
  if (headerLength == 0 || headerLength > 12 + kNpyMaxHeaderBytes)  // not read: the parser says what is wrong
    return parseNpyHeader(head.constData(), static_cast<std::size_t>(head.size()), header_).withContext(name_);
  head += file_->read(static_cast<qint64>(headerLength) - head.size());
  MIWB_TRY(parseNpyHeader(head.constData(), static_cast<std::size_t>(head.size()), header_).withContext(name_));
  const NpyHeader& h = header_;
  MIWB_TRY(checkAllocation(h.elementCount() * sizeof(double), "the " + h.describe()).withContext(name_));
  const std::uint64_t expected = h.dataOffset + h.dataBytes();
  if (static_cast<std::uint64_t>(file_->size()) < expected)
    return Status::invalidInput(name_ + ": truncated: the header declares a " + h.describe() + " (" +
                                std::to_string(h.dataBytes()) + " bytes of data) but the file has only " +
                                std::to_string(file_->size() - static_cast<qint64>(h.dataOffset)));
  return Status::ok();
}

Status NpyFileReader::readInto(double* out) {
  const NpyHeader& h = header_;
  const std::size_t count = h.elementCount();
  const auto bytes = static_cast<qint64>(h.dataBytes());
  // Little-endian float64 in C order is already what we want: read it in place, with no staging copy.
  if (h.kind == 'f' && h.itemSize == 8 && !h.bigEndian && !h.fortranOrder) {
    if (file_->read(reinterpret_cast<char*>(out), bytes) != bytes) return Status::invalidInput(name_ + ": read failed");
    return Status::ok();
  }
  const QByteArray raw = file_->read(bytes);
  if (raw.size() != bytes) return Status::invalidInput(name_ + ": read failed");
  if (!h.fortranOrder || h.shape.size() < 2) {
    convertNpyElements(raw.constData(), count, h, out);
    return Status::ok();
  }
  // Column-major on disk: convert, then rearrange into C order.
  std::vector<double> columns(count);
  convertNpyElements(raw.constData(), count, h, columns.data());
  FortranToC(h.shape, 0, h.shape[0]).place(columns.data(), count, out);
  return Status::ok();
}

Status readNpyFile(const QString& path, NpyArray& out) {
  NpyFileReader reader(path);
  MIWB_TRY(reader.open());
  out.header = reader.header();
  out.data.resize(out.header.elementCount());
  return reader.readInto(out.data.data());
}

namespace {
std::string npyPreamble(const std::string& descr, const std::string& shape) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Header (magic + version + length + dict + newline) padded to a multiple of 64 bytes.
  const std::size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict.push_back('\n');
  std::string out(kMagic, kMagicLength);
  out.push_back('\x01');
  out.push_back('\x00');
  out.push_back(static_cast<char>(dict.size() & 0xff));
  out.push_back(static_cast<char>((dict.size() >> 8) & 0xff));
  return out + dict;
}
}  // namespace

std::string encodeNpy(const Matrix& values, bool asVector) {
  std::string shape = "(";
  shape += asVector ? std::to_string(values.size()) + "," : std::to_string(values.rows()) + ", " + std::to_string(values.cols());
  shape += ")";
  std::string out = npyPreamble("<f8", shape);
  out.append(reinterpret_cast<const char*>(values.data()), static_cast<std::size_t>(values.size()) * sizeof(double));
  return out;
}

std::string encodeNpy(const Labels& labels) {
  std::string shape = "(";
  shape += std::to_string(labels.size());
  shape += ",)";
  std::string out = npyPreamble("<i8", shape);
  out.append(reinterpret_cast<const char*>(labels.data()), labels.size() * sizeof(std::int64_t));
  return out;
}

Status writeFile(const QString& path, const std::string& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    return Status::failed(path.toStdString() + ": cannot be written (" + file.errorString().toStdString() + ")");
  if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()))
    return Status::failed(path.toStdString() + ": write failed (" + file.errorString().toStdString() + ")");
  return Status::ok();
}

}  // namespace miwb
