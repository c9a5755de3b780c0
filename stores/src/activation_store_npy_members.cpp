#include "activation_store_npy_members.h"

#include <QString>
#include <algorithm>
#include <regex>

namespace miwb {
namespace {

constexpr std::size_t kMaxOpenStreams = 8;
constexpr std::uint64_t kChunkBytes = 1u << 20;  // conversion buffer: slices are read in 1 MiB pieces

std::string dtypeName(const NpyHeader& h) {
  const std::string full = h.describe();
  return full.substr(0, full.find(" array"));
}

// numpy writes string arrays (np.array(["a", "bc"])) with dtype '<U<n>' (UCS-4) or '|S<n>' (bytes),
// which the numeric parser rejects; this reads just what the `layers` array needs.
bool parseTextHeader(const std::string& dict, char& kind, int& width, std::vector<std::int64_t>& shape) {
  static const std::regex descrRe(R"('descr'\s*:\s*'[<>|=]?([US])(\d{1,6})')");
  static const std::regex shapeRe(R"('shape'\s*:\s*\(\s*(\d{0,12})\s*,?\s*\))");
  std::smatch m;
  if (!std::regex_search(dict, m, descrRe)) return false;
  kind = m[1].str()[0];
  width = std::stoi(m[2].str());
  if (!std::regex_search(dict, m, shapeRe)) return false;
  shape.clear();
  if (!m[1].str().empty()) shape.push_back(std::stoll(m[1].str()));
  return true;
}

}  // namespace

void NpyMemberContainer::scanHeaders(const std::vector<std::uint64_t>& sizes) {
  members_.assign(arrays_.size(), Member{});
  for (std::size_t i = 0; i < arrays_.size(); ++i) arrays_[i].problem = scanOne(i, sizes[i]);
}

Status NpyMemberContainer::scanOne(std::size_t index, std::uint64_t size) {
  StoredArray& a = arrays_[index];
  Member& m = members_[index];
  std::unique_ptr<NpyMemberStream> stream;
  MIWB_TRY(openMember(index, stream));
  std::string head(static_cast<std::size_t>(std::min<std::uint64_t>(size, 12)), '\0');
  if (Status s = stream->read(head.data(), head.size()); !s) return problemWith(a.name, "cannot be read (" + s.message() + ")");
  const std::size_t headerLength = npyHeaderLength(head.data(), head.size());
  if (headerLength == 0) return problemWith(a.name, "is not a .npy array (no NUMPY magic or too short)");
  if (headerLength > (1u << 20)) return problemWith(a.name, "has an implausibly long .npy header");
  if (headerLength > size) return problemWith(a.name, "is truncated inside its .npy header");
  const std::size_t alreadyRead = head.size();
  head.resize(headerLength);
  if (headerLength > alreadyRead)
    if (Status s = stream->read(head.data() + alreadyRead, headerLength - alreadyRead); !s)
      return problemWith(a.name, "cannot be read (" + s.message() + ")");

  const Status numeric = parseNpyHeader(head.data(), head.size(), m.header);
  std::uint64_t dataBytes = 0;
  if (numeric) {
    a.shape = m.header.shape;
    a.numeric = true;
    a.integral = m.header.isIntegral();
    a.dtype = dtypeName(m.header);
    m.dataOffset = m.header.dataOffset;
    dataBytes = m.header.dataBytes();
  } else {
    const std::size_t prefix = static_cast<unsigned char>(head[6]) == 1 ? 10 : 12;
    const std::string dict = head.substr(prefix);
    if (!parseTextHeader(dict, m.textKind, m.textWidth, a.shape)) {
      const std::string& why = numeric.message();
      return problemWith(a.name, why.rfind("unsupported dtype", 0) == 0 ? "has an " + why
                                                                          : "has a bad .npy header (" + why + ")");
    }
    a.text = true;
    a.dtype = std::string(m.textKind == 'U' ? "<U" : "|S") + std::to_string(m.textWidth);
    m.dataOffset = headerLength;
    dataBytes = static_cast<std::uint64_t>(a.rows()) * static_cast<std::uint64_t>(m.textWidth) * (m.textKind == 'U' ? 4 : 1);
  }
  if (m.dataOffset + dataBytes > size)
    return problemWith(a.name, "is truncated: its header declares a " + a.describe() + " (" + std::to_string(dataBytes) +
                                   " bytes of data) but it holds only " + std::to_string(size - m.dataOffset));
  return Status::ok();
}

std::size_t NpyMemberContainer::indexOf(const StoredArray& array) const {
  return static_cast<std::size_t>(&array - arrays_.data());
}

Status NpyMemberContainer::streamAt(std::size_t index, std::uint64_t offset, NpyMemberStream*& out) const {
  auto it = std::find_if(openStreams_.begin(), openStreams_.end(), [&](const auto& e) { return e.first == index; });
  std::unique_ptr<NpyMemberStream> stream;
  if (it != openStreams_.end()) {
    stream = std::move(it->second);
    openStreams_.erase(it);
    if (!stream->canSeekTo(offset)) stream.reset();
  }
  if (!stream) MIWB_TRY(openMember(index, stream));
  if (Status s = stream->seek(offset); !s) return problemWith(arrays_[index].name, "cannot be read (" + s.message() + ")");
  out = stream.get();
  openStreams_.emplace_back(index, std::move(stream));
  if (openStreams_.size() > kMaxOpenStreams) openStreams_.erase(openStreams_.begin());
  return Status::ok();
}

Status NpyMemberContainer::readRows(const StoredArray& array, std::int64_t first, std::int64_t count, double* out) const {
  const std::size_t index = indexOf(array);
  if (index >= arrays_.size()) return Status::failed("readRows: the array does not belong to " + fileName());
  if (!array.problem) return array.problem;
  if (!array.numeric) return problemWith(array.name, "is a " + array.dtype + " array, not numbers");
  if (first < 0 || count < 0 || first + count > array.rows())
    return Status::failed(fileName() + ": rows out of range for member '" + array.name + "'");
  const NpyHeader& h = members_[index].header;
  // In Fortran order the rows of axis 0 interleave: stream the whole array and keep the wanted rows.
  const bool fortran = h.fortranOrder && array.shape.size() >= 2;
  const std::uint64_t rowElements = array.rowElements();
  const std::uint64_t total = fortran ? h.elementCount() : static_cast<std::uint64_t>(count) * rowElements;
  const std::uint64_t start = fortran ? 0 : static_cast<std::uint64_t>(first) * rowElements;
  const auto itemSize = static_cast<std::uint64_t>(h.itemSize);
  std::lock_guard<std::mutex> lock(mutex_);
  NpyMemberStream* stream = nullptr;
  MIWB_TRY(streamAt(index, members_[index].dataOffset + start * itemSize, stream));

  const std::uint64_t chunk = std::min(total, kChunkBytes / itemSize);
  std::vector<char> raw(static_cast<std::size_t>(chunk * itemSize));
  std::vector<double> converted(fortran ? static_cast<std::size_t>(chunk) : 0);
  FortranToC reorder(array.shape, first, count);
  for (std::uint64_t done = 0; done < total;) {
    const std::uint64_t n = std::min(total - done, chunk);
    if (Status s = stream->read(raw.data(), n * itemSize); !s) {
      openStreams_.pop_back();  // its position is unknown now
      return problemWith(array.name, "cannot be read (" + s.message() + ")");
    }
    if (fortran) {
      convertNpyElements(raw.data(), static_cast<std::size_t>(n), h, converted.data());
      reorder.place(converted.data(), static_cast<std::size_t>(n), out);
    } else {
      convertNpyElements(raw.data(), static_cast<std::size_t>(n), h, out + done);
    }
    done += n;
  }
  return Status::ok();
}

Status NpyMemberContainer::readText(const StoredArray& array, std::vector<std::string>& out) const {
  const std::size_t index = indexOf(array);
  if (index >= arrays_.size()) return Status::failed("readText: the array does not belong to " + fileName());
  if (!array.problem) return array.problem;
  const Member& m = members_[index];
  if (!array.text || array.shape.size() != 1)
    return problemWith(array.name, "must be a 1-D array of strings (np.array(names)), not a " + array.describe());
  const std::uint64_t charBytes = m.textKind == 'U' ? 4 : 1;
  const std::uint64_t elementBytes = static_cast<std::uint64_t>(m.textWidth) * charBytes;
  const std::uint64_t bytes = static_cast<std::uint64_t>(array.rows()) * elementBytes;
  MIWB_TRY(checkAllocation(bytes, "member '" + array.name + "'").withContext(fileName()));
  std::string raw(static_cast<std::size_t>(bytes), '\0');
  {
    std::lock_guard<std::mutex> lock(mutex_);
    NpyMemberStream* stream = nullptr;
    MIWB_TRY(streamAt(index, m.dataOffset, stream));
    if (Status s = stream->read(raw.data(), bytes); !s) {
      openStreams_.pop_back();
      return problemWith(array.name, "cannot be read (" + s.message() + ")");
    }
  }
  out.clear();
  for (std::int64_t i = 0; i < array.rows(); ++i) {
    const char* p = raw.data() + static_cast<std::size_t>(i) * elementBytes;
    QString text;
    if (m.textKind == 'U') {
      std::vector<char32_t> chars(static_cast<std::size_t>(m.textWidth));
      for (int c = 0; c < m.textWidth; ++c) {
        std::uint32_t v = 0;
        for (int b = 0; b < 4; ++b) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[4 * c + b])) << (8 * b);
        chars[static_cast<std::size_t>(c)] = v;
      }
      while (!chars.empty() && chars.back() == 0) chars.pop_back();  // numpy pads with NULs
      text = QString::fromUcs4(chars.data(), static_cast<qsizetype>(chars.size()));
    } else {
      std::string bytesOf(p, static_cast<std::size_t>(m.textWidth));
      bytesOf.erase(bytesOf.find_last_not_of('\0') + 1);
      text = QString::fromUtf8(bytesOf);
    }
    out.push_back(text.toStdString());
  }
  return Status::ok();
}

}  // namespace miwb
