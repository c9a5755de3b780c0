// The folder form of an activation store: x.npy, y.npy, ..., act/<layer>.npy or act/<layer>/<epoch>.npy.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

#include "activation_store_npy_members.h"

namespace miwb {
namespace {

class FileMemberStream final : public NpyMemberStream {
 public:
  explicit FileMemberStream(const QString& path) : file_(path) {}
  bool open() { return file_.open(QIODevice::ReadOnly); }
  QString errorString() const { return file_.errorString(); }

  Status read(char* buffer, std::uint64_t bytes) override {
    const qint64 got = file_.read(buffer, static_cast<qint64>(bytes));
    if (got < 0) return Status::invalidInput(file_.errorString().toStdString());
    if (static_cast<std::uint64_t>(got) != bytes) return Status::invalidInput("it ends early");
    return Status::ok();
  }
  Status seek(std::uint64_t offset) override {
    if (!file_.seek(static_cast<qint64>(offset))) return Status::invalidInput(file_.errorString().toStdString());
    return Status::ok();
  }
  bool canSeekTo(std::uint64_t) const override { return true; }

 private:
  QFile file_;
};

class NpyFolderContainer final : public NpyMemberContainer {
 public:
  NpyFolderContainer(std::string fileName, QString folder) : NpyMemberContainer(std::move(fileName)), folder_(std::move(folder)) {}

  void scan() {
    std::vector<std::string> names;
    QDirIterator it(folder_, {QStringLiteral("*.npy")}, QDir::Files, QDirIterator::Subdirectories);
    const QDir root(folder_);
    while (it.hasNext()) {
      const QString relative = root.relativeFilePath(it.next());
      names.push_back(relative.left(relative.size() - 4).toStdString());
    }
    std::sort(names.begin(), names.end(), naturalLess);
    std::vector<std::uint64_t> sizes;
    for (const std::string& name : names) {
      StoredArray a;
      a.name = name;
      arrays_.push_back(a);
      sizes.push_back(static_cast<std::uint64_t>(QFileInfo(pathOf(name)).size()));
    }
    scanHeaders(sizes);
  }

 protected:
  Status openMember(std::size_t index, std::unique_ptr<NpyMemberStream>& out) const override {
    auto stream = std::make_unique<FileMemberStream>(pathOf(arrays_[index].name));
    if (!stream->open()) return problemWith(arrays_[index].name, "cannot be opened (" + stream->errorString().toStdString() + ")");
    out = std::move(stream);
    return Status::ok();
  }

 private:
  QString pathOf(const std::string& name) const { return folder_ + "/" + QString::fromStdString(name) + ".npy"; }
  QString folder_;
};

}  // namespace

Status openNpyFolderContainer(const QString& path, std::unique_ptr<ArrayContainer>& out) {
  if (!QFileInfo(path).isDir()) return Status::invalidInput(path.toStdString() + ": no such folder");
  auto container = std::make_unique<NpyFolderContainer>(path.toStdString(), QDir(path).absolutePath());
  container->scan();
  out = std::move(container);
  return Status::ok();
}

}  // namespace miwb
