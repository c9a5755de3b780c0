#include "miwb/stores/activation_store_container.h"

#include <QFileInfo>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace miwb {

std::uint64_t StoredArray::rowElements() const {
  std::uint64_t count = 1;
  for (std::size_t i = 1; i < shape.size(); ++i) count *= static_cast<std::uint64_t>(shape[i]);
  return count;
}

std::string StoredArray::describe() const {
  std::ostringstream s;
  s << dtype << " array of shape (";
  for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
  s << (shape.size() == 1 ? ",)" : ")");
  return s.str();
}

const StoredArray* ArrayContainer::find(const std::string& name) const {
  for (const StoredArray& a : arrays_)
    if (a.name == name) return &a;
  return nullptr;
}

Status ArrayContainer::problemWith(const std::string& member, const std::string& what) const {
  return Status::invalidInput(fileName_ + ": member '" + member + "' " + what);
}

bool naturalLess(const std::string& a, const std::string& b) {
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      // Compare the digit runs as numbers: drop leading zeros, then shorter is smaller.
      std::size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      std::size_t si = i, sj = j;
      while (si + 1 < ei && a[si] == '0') ++si;
      while (sj + 1 < ej && b[sj] == '0') ++sj;
      if (ei - si != ej - sj) return ei - si < ej - sj;
      if (const int c = a.compare(si, ei - si, b, sj, ej - sj); c != 0) return c < 0;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

const QStringList& arrayContainerSuffixes() {
  static const QStringList suffixes{"npz", "h5", "hdf5", "he5"};
  return suffixes;
}

bool isArrayContainerPath(const QString& path) {
  const QFileInfo info(path);
  return info.isDir() || arrayContainerSuffixes().contains(info.suffix().toLower());
}

Status openArrayContainer(const QString& path, std::unique_ptr<ArrayContainer>& out) {
  const QFileInfo info(path);
  if (info.isDir()) return openNpyFolderContainer(path, out);
  const QString suffix = info.suffix().toLower();
  if (suffix == "npz") return openNpzContainer(path, out);
  if (arrayContainerSuffixes().contains(suffix)) return openHdf5Container(path, out);
  return Status::invalidInput(path.toStdString() + ": not a .npz file, an HDF5 file (.h5, .hdf5, .he5) or a folder of .npy files");
}

}  // namespace miwb
