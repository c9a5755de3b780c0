// The .npz form of an activation store: a zip archive of .npy members, as numpy's savez (stored)
// and savez_compressed (deflated) write it, read through libzip.
#include <zip.h>

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>

#include "activation_store_npy_members.h"

namespace miwb {
namespace {

class ZipMemberStream final : public NpyMemberStream {
 public:
  ZipMemberStream(zip_file_t* file, bool seekable) : file_(file), seekable_(seekable) {}
  ~ZipMemberStream() override { zip_fclose(file_); }
  ZipMemberStream(const ZipMemberStream&) = delete;
  ZipMemberStream& operator=(const ZipMemberStream&) = delete;

  Status read(char* buffer, std::uint64_t bytes) override {
    while (bytes > 0) {
      const zip_int64_t got = zip_fread(file_, buffer, bytes);
      if (got < 0) return Status::invalidInput(zip_file_strerror(file_));
      if (got == 0) return Status::invalidInput("it ends early");
      buffer += got;
      bytes -= static_cast<std::uint64_t>(got);
      position_ += static_cast<std::uint64_t>(got);
    }
    return Status::ok();
  }

  Status seek(std::uint64_t offset) override {
    if (seekable_) {
      if (zip_fseek(file_, static_cast<zip_int64_t>(offset), SEEK_SET) != 0)
        return Status::invalidInput(zip_file_strerror(file_));
      position_ = offset;
      return Status::ok();
    }
    // A deflated member streams: skip forward by inflating into a scratch buffer.
    if (offset < position_) return Status::failed("cannot seek backwards in a compressed member");
    std::vector<char> scratch(static_cast<std::size_t>(std::min<std::uint64_t>(offset - position_, 1u << 16)));
    while (position_ < offset) MIWB_TRY(read(scratch.data(), std::min<std::uint64_t>(offset - position_, scratch.size())));
    return Status::ok();
  }

  bool canSeekTo(std::uint64_t offset) const override { return seekable_ || offset >= position_; }

 private:
  zip_file_t* file_;
  bool seekable_;
  std::uint64_t position_ = 0;
};

class NpzContainer final : public NpyMemberContainer {
 public:
  NpzContainer(std::string fileName, zip_t* archive) : NpyMemberContainer(std::move(fileName)), archive_(archive) {}
  ~NpzContainer() override { zip_discard(archive_); }
  NpzContainer(const NpzContainer&) = delete;
  NpzContainer& operator=(const NpzContainer&) = delete;

  void scan() {
    std::vector<std::uint64_t> sizes;
    const zip_int64_t entries = zip_get_num_entries(archive_, 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
      zip_stat_t st;
      if (zip_stat_index(archive_, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
      const std::string name = st.name;
      if (name.size() < 5 || name.compare(name.size() - 4, 4, ".npy") != 0) continue;  // numpy writes only .npy
      StoredArray a;
      a.name = name.substr(0, name.size() - 4);
      arrays_.push_back(a);
      entries_.push_back(static_cast<zip_uint64_t>(i));
      seekable_.push_back((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE &&
                          (!(st.valid & ZIP_STAT_ENCRYPTION_METHOD) || st.encryption_method == ZIP_EM_NONE));
      sizes.push_back((st.valid & ZIP_STAT_SIZE) ? st.size : 0);
    }
    scanHeaders(sizes);
  }

 protected:
  Status openMember(std::size_t index, std::unique_ptr<NpyMemberStream>& out) const override {
    zip_file_t* file = zip_fopen_index(archive_, entries_[index], 0);
    if (!file) return problemWith(arrays_[index].name, std::string("cannot be opened (") + zip_strerror(archive_) + ")");
    out = std::make_unique<ZipMemberStream>(file, seekable_[index]);
    return Status::ok();
  }

 private:
  zip_t* archive_;
  std::vector<zip_uint64_t> entries_;
  std::vector<bool> seekable_;
};

}  // namespace

Status openNpzContainer(const QString& path, std::unique_ptr<ArrayContainer>& out) {
  const std::string name = path.toStdString();
  if (!QFileInfo::exists(path)) return Status::invalidInput(name + ": no such file");
  int code = 0;
  zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::invalidInput(name + " is not a readable .npz (zip) archive: " + why);
  }
  auto container = std::make_unique<NpzContainer>(name, archive);
  container->scan();
  out = std::move(container);
  return Status::ok();
}

}  // namespace miwb
