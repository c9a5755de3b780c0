// Column blocks of a CSV file without holding it: opening scans it once for the byte offset of each
// sample's line (and checks every line's field count); a block then reads, on each line, from where
// the previous block ended (a cursor per line), so consecutive blocks read the file once in all.
#include <QFile>

#include <charconv>
#include <cmath>

#include "feature_sources.h"

namespace miwb {

namespace {

constexpr qint64 kChunk = 1 << 16;

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\"");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\"");
  return text.substr(begin, end - begin + 1);
}

// A field's value: a number, or NaN for a missing one (empty, NA, nan, NaN); false for text.
bool parseField(const std::string& raw, double& out) {
  const std::string text = trimmed(raw);
  if (text.empty() || text == "NA" || text == "nan" || text == "NaN" || text == "NAN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

std::vector<std::string> splitFields(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == ',')
      fields.emplace_back();
    else
      fields.back().push_back(c);
  }
  return fields;
}

class CsvFeatureSource final : public FeatureSource {
 public:
  explicit CsvFeatureSource(const QString& path) : file_(path) { fileName_ = path.toStdString(); }

  Status open(Index expectedSamples) {
    if (!file_.open(QIODevice::ReadOnly))
      return Status::invalidInput(fileName_ + ": cannot be read (" + file_.errorString().toStdString() + ")");
    MIWB_TRY(scanLines());
    if (lineStart_.empty() && features_ == 0) return Status::invalidInput(fileName_ + ": is empty (no features)");
    if (lineStart_.empty()) return Status::invalidInput(fileName_ + ": holds a header but no samples");
    samples_ = static_cast<Index>(lineStart_.size());
    if (samples_ != expectedSamples)
      return Status::invalidInput(fileName_ + ": has " + std::to_string(samples_) + " samples (lines) but the outcome has " +
                                  std::to_string(expectedSamples));
    if (names_.empty()) names_.assign(static_cast<std::size_t>(features_), std::string());
    cursorPos_ = lineStart_;
    cursorField_.assign(lineStart_.size(), 0);
    return Status::ok();
  }

  Status readColumns(Index first, Index count, double* out) override {
    for (Index i = 0; i < samples_; ++i) MIWB_TRY(readLineFields(i, first, count, out));
    return Status::ok();
  }

  Status readSelected(const std::vector<Index>& features, double* out) override {
    // Each selected feature is a block of one; the cursors make a run of ascending ones one pass.
    for (std::size_t k = 0; k < features.size(); ++k)
      MIWB_TRY(readColumns(features[k], 1, out + k * static_cast<std::size_t>(samples_)));
    return Status::ok();
  }

 private:
  // One pass: the header (a first line with a field that is not a number), each data line's start,
  // and every line's field count against the first line's.
  Status scanLines() {
    std::vector<char> chunk(static_cast<std::size_t>(kChunk));
    std::string firstLine;  // kept whole only for the first non-comment line
    qint64 offset = 0, lineBegin = 0;
    Index fields = 1, lineNumber = 1;
    bool atLineStart = true, skipping = false, blank = true, seenFirst = false;
    auto endLine = [&](qint64 next) -> Status {
      if (!skipping && !blank) {
        if (!seenFirst) {
          seenFirst = true;
          features_ = fields;
          bool header = false;
          double v;
          for (const std::string& f : splitFields(firstLine)) header = header || !parseField(f, v);
          if (header) {
            for (const std::string& f : splitFields(firstLine)) names_.push_back(trimmed(f));
          } else {
            lineStart_.push_back(lineBegin);
            lineNumber_.push_back(lineNumber);
          }
        } else {
          if (fields != features_)
            return Status::invalidInput(fileName_ + ": line " + std::to_string(lineNumber) + " has " + std::to_string(fields) +
                                        " fields but the first line has " + std::to_string(features_));
          lineStart_.push_back(lineBegin);
          lineNumber_.push_back(lineNumber);
        }
      }
      ++lineNumber;
      lineBegin = next;
      fields = 1;
      atLineStart = true;
      skipping = false;
      blank = true;
      return Status::ok();
    };
    file_.seek(0);
    for (;;) {
      const qint64 got = file_.read(chunk.data(), kChunk);
      if (got < 0) return Status::invalidInput(fileName_ + ": read failed");
      if (got == 0) break;
      for (qint64 k = 0; k < got; ++k) {
        const char c = chunk[static_cast<std::size_t>(k)];
        if (c == '\n') {
          MIWB_TRY(endLine(offset + k + 1));
          continue;
        }
        if (atLineStart && c == '#') skipping = true;
        atLineStart = false;
        if (skipping) continue;
        if (c != ' ' && c != '\t' && c != '\r') blank = false;
        if (c == ',') ++fields;
        if (!seenFirst) firstLine.push_back(c);
      }
      offset += got;
    }
    return endLine(offset);  // a last line without a newline
  }

  // Fields [first, first + count) of sample i into out[(j - first) * N + i], from the line's cursor
  // when it is at or before `first`.
  Status readLineFields(Index i, Index first, Index count, double* out) {
    const auto line = static_cast<std::size_t>(i);
    qint64 pos = cursorPos_[line];
    Index field = cursorField_[line];
    if (field > first) {
      pos = lineStart_[line];
      field = 0;
    }
    if (!file_.seek(pos)) return Status::invalidInput(fileName_ + ": read failed");
    std::vector<char> chunk(static_cast<std::size_t>(std::min<qint64>(kChunk, 32 * (count + 1) + 64)));
    std::string pending;
    const Index last = first + count;
    // Consumes one character at byte `at`; true once field `last` has been stored or the line ended.
    Status status;
    bool finished = false;
    auto consume = [&](char c, qint64 at) {
      if (c != ',' && c != '\n') {
        if (field >= first) pending.push_back(c);
        return false;
      }
      if (field >= first) status = store(i, field, first, pending, out);
      pending.clear();
      ++field;
      if (!status || field == last) {
        cursorPos_[line] = at + 1;
        cursorField_[line] = field;
        finished = true;
        return true;
      }
      return c == '\n';
    };
    for (;;) {
      const qint64 got = file_.read(chunk.data(), static_cast<qint64>(chunk.size()));
      if (got < 0) return Status::invalidInput(fileName_ + ": read failed");
      if (got == 0) {  // the end of the file ends the last line
        consume('\n', pos);
        break;
      }
      bool stop = false;
      for (qint64 k = 0; k < got && !stop; ++k) stop = consume(chunk[static_cast<std::size_t>(k)], pos + k);
      if (stop) break;
      pos += got;
    }
    MIWB_TRY(status);
    if (finished) return Status::ok();
    return Status::invalidInput(fileName_ + ": line " + std::to_string(lineNumber_[line]) + " ends before field " +
                                std::to_string(last));
  }

  Status store(Index i, Index field, Index first, const std::string& text, double* out) const {
    double v = 0.0;
    const bool number = parseField(text, v);
    if (!number || std::isinf(v)) {
      const std::string& name = names_[static_cast<std::size_t>(field)];
      return Status::invalidInput(fileName_ + ": line " + std::to_string(lineNumber_[static_cast<std::size_t>(i)]) +
                                  ", column " + std::to_string(field + 1) + (name.empty() ? "" : " ('" + name + "')") +
                                  ": '" + trimmed(text) + "' is " +
                                  (number ? "infinite (NaN marks a missing value)" : "not a number"));
    }
    out[static_cast<std::size_t>(field - first) * static_cast<std::size_t>(samples_) + static_cast<std::size_t>(i)] = v;
    return Status::ok();
  }

  QFile file_;
  std::vector<qint64> lineStart_, cursorPos_;
  std::vector<Index> lineNumber_, cursorField_;
};

}  // namespace

Status openCsvFeatures(const QString& path, Index samples, std::unique_ptr<FeatureSource>& out) {
  auto source = std::make_unique<CsvFeatureSource>(path);
  MIWB_TRY(source->open(samples));
  out = std::move(source);
  return Status::ok();
}

}  // namespace miwb
