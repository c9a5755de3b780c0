// Column blocks of a .npy array. The array is either sample-major on disk (C order with the samples
// on axis 0, or Fortran order with them on axis 1: element (sample i, feature j) at i F + j) or
// feature-major (j N + i). A feature-major block is one contiguous read; a sample-major block is one
// read per sample of the block's span of that sample's row.
#include <QFile>

#include <cmath>

#include "feature_sources.h"
#include "miwb/io/npy.h"

namespace miwb {

namespace {

class NpyFeatureSource final : public FeatureSource {
 public:
  NpyFeatureSource(const QString& path, NpyHeader header, bool sampleMajor, Index samples, Index features)
      : file_(path), header_(std::move(header)), sampleMajor_(sampleMajor) {
    samples_ = samples;
    features_ = features;
    names_.assign(static_cast<std::size_t>(features), std::string());
    fileName_ = path.toStdString();
  }

  Status open() {
    if (!file_.open(QIODevice::ReadOnly))
      return Status::invalidInput(fileName_ + ": cannot be read (" + file_.errorString().toStdString() + ")");
    return Status::ok();
  }

  Status readColumns(Index first, Index count, double* out) override {
    const auto item = static_cast<qint64>(header_.itemSize);
    const auto n = static_cast<std::size_t>(samples_);
    if (!sampleMajor_) {
      MIWB_TRY(readAt(static_cast<qint64>(first) * samples_ * item, static_cast<qint64>(count) * samples_ * item));
      convertNpyElements(raw_.data(), static_cast<std::size_t>(count) * n, header_, out);
      return checkFinite(first, count, out);
    }
    row_.resize(static_cast<std::size_t>(count));
    for (Index i = 0; i < samples_; ++i) {
      MIWB_TRY(readAt((i * features_ + first) * item, count * item));
      convertNpyElements(raw_.data(), static_cast<std::size_t>(count), header_, row_.data());
      for (Index j = 0; j < count; ++j) out[static_cast<std::size_t>(j) * n + static_cast<std::size_t>(i)] = row_[static_cast<std::size_t>(j)];
    }
    return checkFinite(first, count, out);
  }

  Status readSelected(const std::vector<Index>& features, double* out) override {
    // One feature at a time: a sample-major file then costs N small reads per feature, which the
    // selection (top K, clumping) keeps few.
    for (std::size_t k = 0; k < features.size(); ++k)
      MIWB_TRY(readColumns(features[k], 1, out + k * static_cast<std::size_t>(samples_)));
    return Status::ok();
  }

 private:
  Status readAt(qint64 offset, qint64 bytes) {
    raw_.resize(static_cast<std::size_t>(bytes));
    if (!file_.seek(static_cast<qint64>(header_.dataOffset) + offset) || file_.read(raw_.data(), bytes) != bytes)
      return Status::invalidInput(fileName_ + ": read failed at byte " + std::to_string(header_.dataOffset + offset));
    return Status::ok();
  }

  // NaN is a missing value; an infinity is not a value a screen can use.
  Status checkFinite(Index first, Index count, const double* out) const {
    const auto n = static_cast<std::size_t>(samples_);
    for (std::size_t k = 0; k < static_cast<std::size_t>(count) * n; ++k)
      if (std::isinf(out[k]))
        return Status::invalidInput(fileName_ + ": feature " + std::to_string(first + static_cast<Index>(k / n)) +
                                    " has an infinite value at row " + std::to_string(k % n) +
                                    " (NaN marks a missing value; infinities are not allowed)");
    return Status::ok();
  }

  QFile file_;
  NpyHeader header_;
  bool sampleMajor_;
  std::vector<char> raw_;
  std::vector<double> row_;
};

}  // namespace

Status openNpyFeatures(const QString& path, Index samples, std::unique_ptr<FeatureSource>& out) {
  const std::string name = path.toStdString();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return Status::invalidInput(name + ": cannot be read (" + file.errorString().toStdString() + ")");
  QByteArray head = file.read(12);
  const std::size_t length = npyHeaderLength(head.constData(), static_cast<std::size_t>(head.size()));
  NpyHeader header;
  if (length == 0 || length > 12 + kNpyMaxHeaderBytes)  // not read: the parser says what is wrong
    return parseNpyHeader(head.constData(), static_cast<std::size_t>(head.size()), header).withContext(name);
  head += file.read(static_cast<qint64>(length) - head.size());
  MIWB_TRY(parseNpyHeader(head.constData(), static_cast<std::size_t>(head.size()), header).withContext(name));
  if (header.shape.empty() || header.shape.size() > 2)
    return Status::invalidInput(name + ": features must be a 1-D or 2-D array, got a " + header.describe());
  if (static_cast<std::uint64_t>(file.size()) < header.dataOffset + header.dataBytes())
    return Status::invalidInput(name + ": truncated: the header declares a " + header.describe() + " but the file has only " +
                                std::to_string(file.size() - static_cast<qint64>(header.dataOffset)) + " bytes of data");
  const Index a = header.shape[0], b = header.shape.size() == 2 ? header.shape[1] : 1;
  if (a == 0 || b == 0) return Status::invalidInput(name + ": holds no features (a " + header.describe() + ")");
  // Which axis holds the samples: the one of the outcome's length, axis 0 when both are.
  bool samplesFirst = true;
  if (a != samples) {
    if (b != samples || header.shape.size() == 1)
      return Status::invalidInput(name + ": a " + header.describe() + " has no axis of " + std::to_string(samples) +
                                  " samples, the outcome's rows");
    samplesFirst = false;
  }
  const Index features = samplesFirst ? b : a;
  // C order with samples first, or Fortran order with features first, keeps a sample's row contiguous.
  const bool sampleMajor = header.shape.size() == 2 && (samplesFirst != header.fortranOrder);
  auto source = std::make_unique<NpyFeatureSource>(path, header, sampleMajor, samples, features);
  MIWB_TRY(source->open());
  out = std::move(source);
  return Status::ok();
}

}  // namespace miwb
