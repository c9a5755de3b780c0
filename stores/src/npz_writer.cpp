// Writes an activation store as an uncompressed .npz with libzip. Small arrays are encoded up front;
// each layer's (E, N, U) array is produced by a libzip source callback that reads one epoch slice
// at a time, so writing never holds more than one slice of activations.
#include <zip.h>

#include <QFile>
#include <cstring>
#include <deque>

#include "miwb/stores/activation_store.h"
#include "miwb/io/npy.h"

namespace miwb {
namespace {

// A .npy header (magic, version 1.0, dict padded to a multiple of 64 bytes) for `descr` and `shape`.
std::string npyHeader(const std::string& descr, const std::vector<std::int64_t>& shape) {
  std::string shapeText = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) shapeText += (i ? ", " : "") + std::to_string(shape[i]);
  shapeText += shape.size() == 1 ? ",)" : ")";
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
  dict.append((64 - (10 + dict.size() + 1) % 64) % 64, ' ');
  dict.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(static_cast<char>(dict.size() & 0xff));
  out.push_back(static_cast<char>((dict.size() >> 8) & 0xff));
  return out + dict;
}

// Layer names as numpy's unicode dtype '<U<width>' (UCS-4, NUL-padded), as np.array(names) saves them.
std::string encodeNames(const std::vector<std::string>& names) {
  std::vector<std::u32string> wide;
  std::size_t width = 1;
  for (const std::string& name : names) {
    const QString text = QString::fromStdString(name);
    std::u32string w;
    for (char32_t c : text.toUcs4()) w.push_back(c);
    width = std::max(width, w.size());
    wide.push_back(w);
  }
  std::string out = npyHeader("<U" + std::to_string(width), {static_cast<std::int64_t>(names.size())});
  for (std::u32string& w : wide) {
    w.resize(width, U'\0');
    for (char32_t c : w)
      for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((static_cast<std::uint32_t>(c) >> (8 * b)) & 0xff));
  }
  return out;
}

std::string encodeMask(const std::vector<bool>& mask) {
  std::string out = npyHeader("|b1", {static_cast<std::int64_t>(mask.size())});
  for (bool b : mask) out.push_back(b ? '\1' : '\0');
  return out;
}

// Streams act/<layer> as a float64 (E, N, U) .npy: the header, then each epoch's slice in turn.
class LayerSource {
 public:
  LayerSource(const ActivationStore& store, int layer, int epochs, Index rows, Index units)
      : store_(store), layer_(layer), epochs_(epochs), rows_(rows), units_(units),
        header_(npyHeader("<f8", {epochs, rows, units})) {
    zip_error_init(&error_);
  }
  ~LayerSource() { zip_error_fini(&error_); }
  LayerSource(const LayerSource&) = delete;
  LayerSource& operator=(const LayerSource&) = delete;

  const Status& status() const { return status_; }

  static zip_int64_t callback(void* self, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    return static_cast<LayerSource*>(self)->handle(data, length, command);
  }

 private:
  std::uint64_t totalBytes() const {
    return header_.size() + static_cast<std::uint64_t>(epochs_) * static_cast<std::uint64_t>(rows_ * units_) * sizeof(double);
  }

  zip_int64_t handle(void* data, zip_uint64_t length, zip_source_cmd_t command) {
    switch (command) {
      case ZIP_SOURCE_OPEN:
        position_ = 0;
        epoch_ = -1;
        return 0;
      case ZIP_SOURCE_READ:
        return read(static_cast<char*>(data), length);
      case ZIP_SOURCE_CLOSE:
        slice_ = Matrix();
        return 0;
      case ZIP_SOURCE_STAT: {
        auto* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &error_);
        if (!st) return -1;
        zip_stat_init(st);
        st->size = totalBytes();
        st->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&error_, data, length);
      case ZIP_SOURCE_FREE:
        return 0;  // owned by saveActivationStoreNpz
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
      default:
        zip_error_set(&error_, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }

  zip_int64_t read(char* out, zip_uint64_t length) {
    const std::uint64_t sliceBytes = static_cast<std::uint64_t>(rows_ * units_) * sizeof(double);
    zip_uint64_t written = 0;
    while (written < length && position_ < totalBytes()) {
      std::uint64_t available;
      const char* from;
      if (position_ < header_.size()) {
        from = header_.data() + position_;
        available = header_.size() - position_;
      } else {
        const std::uint64_t offset = position_ - header_.size();
        const int epoch = static_cast<int>(offset / sliceBytes);
        if (epoch != epoch_ && !loadSlice(epoch)) return -1;
        const std::uint64_t within = offset % sliceBytes;
        from = reinterpret_cast<const char*>(slice_.data()) + within;
        available = sliceBytes - within;
      }
      const std::uint64_t n = std::min<std::uint64_t>(available, length - written);
      std::memcpy(out + written, from, static_cast<std::size_t>(n));
      written += n;
      position_ += n;
    }
    return static_cast<zip_int64_t>(written);
  }

  bool loadSlice(int epoch) {
    Status s = store_.activation(layer_, epoch, slice_);
    if (s && (slice_.rows() != rows_ || slice_.cols() != units_))
      s = Status::invalidInput("layer '" + store_.layers()[static_cast<std::size_t>(layer_)] + "' has a " +
                               std::to_string(slice_.rows()) + " x " + std::to_string(slice_.cols()) + " slice at epoch index " +
                               std::to_string(epoch) + " but " + std::to_string(rows_) + " x " + std::to_string(units_) +
                               " at the first epoch");
    if (!s) {
      status_ = s;
      zip_error_set(&error_, ZIP_ER_READ, 0);
      return false;
    }
    epoch_ = epoch;
    return true;
  }

  const ActivationStore& store_;
  int layer_, epochs_;
  Index rows_, units_;
  std::string header_;
  std::uint64_t position_ = 0;
  int epoch_ = -1;
  Matrix slice_;
  Status status_;
  zip_error_t error_;
};

class ZipWriter {
 public:
  explicit ZipWriter(const QString& path) : path_(path.toStdString()) {
    int code = 0;
    archive_ = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive_) {
      zip_error_t error;
      zip_error_init_with_code(&error, code);
      status_ = Status::failed(path_ + " cannot be written: " + zip_error_strerror(&error));
      zip_error_fini(&error);
    }
  }
  ~ZipWriter() {
    if (archive_) zip_discard(archive_);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  const Status& status() const { return status_; }

  // `bytes` must stay alive until close(): libzip reads sources only then.
  void addBuffer(const std::string& member, const std::string& bytes) {
    if (status_) add(member, zip_source_buffer(archive_, bytes.data(), bytes.size(), 0));
  }
  void addLayer(const std::string& member, LayerSource& source) {
    if (status_) add(member, zip_source_function(archive_, &LayerSource::callback, &source));
  }

  Status close(const std::deque<LayerSource>& layers) {
    if (!status_) return status_;
    if (zip_close(archive_) != 0) {
      for (const LayerSource& l : layers)
        if (!l.status()) return l.status().withContext("while writing " + path_);
      status_ = Status::failed(path_ + " cannot be written: " + zip_strerror(archive_));
      return status_;
    }
    archive_ = nullptr;
    return Status::ok();
  }

 private:
  void add(const std::string& member, zip_source_t* source) {
    const zip_int64_t index = source ? zip_file_add(archive_, (member + ".npy").c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      status_ = Status::failed(path_ + ": cannot add member '" + member + "': " + zip_strerror(archive_));
      return;
    }
    zip_set_file_compression(archive_, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }

  std::string path_;
  zip_t* archive_ = nullptr;
  Status status_;
};

}  // namespace

Status saveActivationStoreNpz(const ActivationStore& store, const QString& path) {
  const Variable& inputs = store.inputs();
  const Labels& labels = store.labels().labels();
  const std::vector<std::string> layers = store.layers();
  const std::vector<int> epochs = store.epochs();
  const std::vector<bool> mask = store.trainMask();
  const Index rows = inputs.samples();
  if (!inputs.hasValues()) return Status::invalidInput("the store's inputs have no values to save");
  if (static_cast<Index>(labels.size()) != rows)
    return Status::invalidInput("the store has " + std::to_string(labels.size()) + " labels for " + std::to_string(rows) + " inputs");
  if (layers.empty() || epochs.empty()) return Status::invalidInput("the store has no layers or no epochs to save");

  std::deque<std::string> buffers;  // alive until the archive is closed
  std::deque<LayerSource> sources;
  ZipWriter writer(path);
  writer.addBuffer("x", buffers.emplace_back(encodeNpy(inputs.values())));
  writer.addBuffer("y", buffers.emplace_back(encodeNpy(labels)));
  writer.addBuffer("epochs", buffers.emplace_back(encodeNpy(Labels(epochs.begin(), epochs.end()))));
  writer.addBuffer("layers", buffers.emplace_back(encodeNames(layers)));
  if (!mask.empty()) writer.addBuffer("train_mask", buffers.emplace_back(encodeMask(mask)));
  for (std::size_t l = 0; l < layers.size(); ++l) {
    Matrix first;  // the first slice fixes the layer's width, which the header needs up front
    MIWB_TRY(store.activation(static_cast<int>(l), 0, first));
    if (first.rows() != rows)
      return Status::invalidInput("layer '" + layers[l] + "' has " + std::to_string(first.rows()) + " rows but there are " +
                                  std::to_string(rows) + " inputs");
    LayerSource& source = sources.emplace_back(store, static_cast<int>(l), static_cast<int>(epochs.size()), rows, first.cols());
    writer.addLayer("act/" + layers[l], source);
  }
  return writer.close(sources);
}

}  // namespace miwb
