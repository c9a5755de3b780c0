// The HDF5 form of an activation store (.h5 / .hdf5, e.g. written by h5py): the same names as
// datasets and groups, read with the HDF5 C library one hyperslab at a time.
#include <hdf5.h>

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <mutex>

#include "miwb/stores/activation_store_container.h"
#include "miwb/io/npy.h"

namespace miwb {
namespace {

// The HDF5 library (as Debian builds it) is not thread-safe: every call from any store goes
// through this one lock.
std::mutex& hdf5Mutex() {
  static std::mutex m;
  return m;
}

// Closes an HDF5 handle when it goes out of scope.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// The innermost (most specific) description on HDF5's error stack, for messages ("truncated file: ...").
std::string lastHdf5Error() {
  std::string text;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
        auto* out = static_cast<std::string*>(data);
        if (out->empty() && e->desc) *out = e->desc;
        return 0;
      },
      &text);
  H5Eclear2(H5E_DEFAULT);
  return text.empty() ? std::string("the HDF5 library reports an error") : text;
}

void silenceHdf5() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become messages, not prints to stderr
  H5Eclear2(H5E_DEFAULT);
}

std::string integerName(hid_t type) {
  const bool isSigned = H5Tget_sign(type) == H5T_SGN_2;
  return (isSigned ? "int" : "uint") + std::to_string(8 * H5Tget_size(type));
}

class Hdf5Container final : public ArrayContainer {
 public:
  Hdf5Container(std::string fileName, hid_t file) : ArrayContainer(std::move(fileName)), file_(file) {}
  ~Hdf5Container() override {
    std::lock_guard<std::mutex> lock(hdf5Mutex());
    H5Fclose(file_);
  }
  Hdf5Container(const Hdf5Container&) = delete;
  Hdf5Container& operator=(const Hdf5Container&) = delete;

  void scan() { visit(file_, "", 0); }

  Status readRows(const StoredArray& array, std::int64_t first, std::int64_t count, double* out) const override {
    if (!array.problem) return array.problem;
    if (!array.numeric) return problemWith(array.name, "is a " + array.dtype + " array, not numbers");
    if (first < 0 || count < 0 || first + count > array.rows())
      return Status::failed(fileName() + ": rows out of range for member '" + array.name + "'");
    std::lock_guard<std::mutex> lock(hdf5Mutex());
    silenceHdf5();
    Handle dataset(H5Dopen2(file_, array.name.c_str(), H5P_DEFAULT), H5Dclose);
    if (!dataset.valid()) return problemWith(array.name, "cannot be opened (" + lastHdf5Error() + ")");
    Handle fileSpace(H5Dget_space(dataset.get()), H5Sclose);
    const hsize_t total = static_cast<hsize_t>(count) * array.rowElements();
    if (!array.shape.empty()) {
      std::vector<hsize_t> start(array.shape.size(), 0), extent(array.shape.begin(), array.shape.end());
      start[0] = static_cast<hsize_t>(first);
      extent[0] = static_cast<hsize_t>(count);
      if (H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr) < 0)
        return problemWith(array.name, "cannot be sliced (" + lastHdf5Error() + ")");
    }
    Handle memorySpace(H5Screate_simple(1, &total, nullptr), H5Sclose);
    Handle fileType(H5Dget_type(dataset.get()), H5Tclose);
    herr_t status;
    if (H5Tget_class(fileType.get()) == H5T_ENUM) {
      // h5py stores bools as an enum over int8; HDF5 converts enums only to enums, so read the raw
      // base integers and widen them here.
      Handle memoryType(H5Tget_native_type(fileType.get(), H5T_DIR_ASCEND), H5Tclose);
      const std::size_t size = H5Tget_size(memoryType.get());
      std::vector<char> raw(static_cast<std::size_t>(total) * size);
      status = H5Dread(dataset.get(), memoryType.get(), memorySpace.get(), fileSpace.get(), H5P_DEFAULT, raw.data());
      NpyHeader h;
      h.kind = H5Tget_sign(memoryType.get()) == H5T_SGN_2 ? 'i' : 'u';
      h.itemSize = static_cast<int>(size);
      if (status >= 0) convertNpyElements(raw.data(), static_cast<std::size_t>(total), h, out);
    } else {
      status = H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memorySpace.get(), fileSpace.get(), H5P_DEFAULT, out);
    }
    if (status < 0) return problemWith(array.name, "cannot be read (" + lastHdf5Error() + "; is the file truncated?)");
    return Status::ok();
  }

  Status readText(const StoredArray& array, std::vector<std::string>& out) const override {
    if (!array.problem) return array.problem;
    if (!array.text || array.shape.size() != 1)
      return problemWith(array.name, "must be a 1-D array of strings, not a " + array.describe());
    std::lock_guard<std::mutex> lock(hdf5Mutex());
    silenceHdf5();
    Handle dataset(H5Dopen2(file_, array.name.c_str(), H5P_DEFAULT), H5Dclose);
    if (!dataset.valid()) return problemWith(array.name, "cannot be opened (" + lastHdf5Error() + ")");
    Handle fileType(H5Dget_type(dataset.get()), H5Tclose);
    Handle space(H5Dget_space(dataset.get()), H5Sclose);
    const auto n = static_cast<std::size_t>(array.rows());
    Handle memoryType(H5Tcopy(H5T_C_S1), H5Tclose);
    out.clear();
    if (H5Tis_variable_str(fileType.get()) > 0) {
      H5Tset_size(memoryType.get(), H5T_VARIABLE);
      H5Tset_cset(memoryType.get(), H5Tget_cset(fileType.get()));
      MIWB_TRY(checkAllocation(sizeof(char*) * n, "member '" + array.name + "'").withContext(fileName()));
      std::vector<char*> strings(n, nullptr);
      if (H5Dread(dataset.get(), memoryType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, strings.data()) < 0)
        return problemWith(array.name, "cannot be read (" + lastHdf5Error() + ")");
      for (char* s : strings) out.emplace_back(s ? s : "");
      H5Dvlen_reclaim(memoryType.get(), space.get(), H5P_DEFAULT, strings.data());
    } else {
      const std::size_t width = H5Tget_size(fileType.get());
      MIWB_TRY(checkAllocation(width * n, "member '" + array.name + "'").withContext(fileName()));
      H5Tset_size(memoryType.get(), width);
      H5Tset_strpad(memoryType.get(), H5T_STR_NULLPAD);
      std::string raw(width * n, '\0');
      if (H5Dread(dataset.get(), memoryType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
        return problemWith(array.name, "cannot be read (" + lastHdf5Error() + ")");
      for (std::size_t i = 0; i < n; ++i) {
        std::string s = raw.substr(i * width, width);
        s.erase(s.find_last_not_of(std::string("\0 ", 2)) + 1);
        out.push_back(s);
      }
    }
    return Status::ok();
  }

 private:
  // A store nests groups two deep (act/<layer>/<epoch>). Links can form cycles (a soft link to a
  // parent group made this recursion overflow the stack) or nest arbitrarily deep, so groups below
  // this depth are not read.
  static constexpr int kMaxGroupDepth = 8;

  // Adds every dataset under `group` (recursively) to arrays_, in creation order where the file
  // tracks it, else in natural name order.
  void visit(hid_t group, const std::string& prefix, int depth) {
    if (depth > kMaxGroupDepth) return;
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) return;
    Handle plist(H5Gget_create_plist(group), H5Pclose);
    unsigned flags = 0;
    const bool ordered = plist.valid() && H5Pget_link_creation_order(plist.get(), &flags) >= 0 && (flags & H5P_CRT_ORDER_INDEXED);
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      const H5_index_t index = ordered ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
      const ssize_t length = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
      if (length <= 0) continue;
      std::string name(static_cast<std::size_t>(length) + 1, '\0');
      H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
      name.resize(static_cast<std::size_t>(length));
      names.push_back(name);
    }
    if (!ordered) std::stable_sort(names.begin(), names.end(), naturalLess);
    for (const std::string& name : names) {
      Handle object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
      if (!object.valid()) continue;  // a dangling soft or external link: not ours to read
      const std::string path = prefix + name;
      const H5I_type_t type = H5Iget_type(object.get());
      if (type == H5I_GROUP) visit(object.get(), path + "/", depth + 1);
      else if (type == H5I_DATASET) arrays_.push_back(describeDataset(object.get(), path));
    }
  }

  StoredArray describeDataset(hid_t dataset, const std::string& path) const {
    StoredArray a;
    a.name = path;
    Handle space(H5Dget_space(dataset), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) {
      a.problem = problemWith(path, "has no simple shape");
      return a;
    }
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    a.shape.assign(dims.begin(), dims.end());
    Handle type(H5Dget_type(dataset), H5Tclose);
    switch (H5Tget_class(type.get())) {
      case H5T_INTEGER:
        a.numeric = a.integral = true;
        a.dtype = integerName(type.get());
        break;
      case H5T_FLOAT:
        a.numeric = true;
        a.dtype = "float" + std::to_string(8 * H5Tget_size(type.get()));
        break;
      case H5T_ENUM: {
        Handle base(H5Tget_super(type.get()), H5Tclose);
        a.numeric = a.integral = true;
        a.dtype = H5Tget_size(type.get()) == 1 ? "bool" : "enum " + integerName(base.get());
        break;
      }
      case H5T_STRING:
        a.text = true;
        a.dtype = "string";
        break;
      default:
        a.dtype = "non-numeric HDF5 type";
        a.problem = problemWith(path, "has an unsupported type (need integers, floats or bools)");
    }
    return a;
  }

  hid_t file_;
};

}  // namespace

Status openHdf5Container(const QString& path, std::unique_ptr<ArrayContainer>& out) {
  const std::string name = path.toStdString();
  if (!QFileInfo::exists(path)) return Status::invalidInput(name + ": no such file");
  std::unique_ptr<Hdf5Container> container;
  {
    std::lock_guard<std::mutex> lock(hdf5Mutex());
    silenceHdf5();
    const QByteArray encoded = QFile::encodeName(path);
    if (H5Fis_hdf5(encoded.constData()) <= 0) return Status::invalidInput(name + " is not an HDF5 file");
    const hid_t file = H5Fopen(encoded.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) return Status::invalidInput(name + " cannot be opened as HDF5 (" + lastHdf5Error() + ")");
    container = std::make_unique<Hdf5Container>(name, file);
    container->scan();
  }
  out = std::move(container);
  return Status::ok();
}

}  // namespace miwb
