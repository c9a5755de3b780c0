#pragma once
// The file forms of an activation store differ only in how named arrays are found and read, so the
// store's layout logic works on this narrow interface and each form (.npz, a .npy folder, HDF5)
// implements it. Used by openActivationStoreFile; not needed by plugins.
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "miwb/status.h"

namespace miwb {

// What a container knows about one array without reading its data.
struct StoredArray {
  std::string name;                  // without extension: "x", "act/dense1", "act/dense1/3"
  std::vector<std::int64_t> shape;
  bool numeric = false;              // integers, floats or bools (readable as doubles)
  bool text = false;                 // a string array (the `layers` names)
  bool integral = false;             // integer or bool elements
  std::string dtype;                 // for messages: "float32", "<U7", "complex128", ...
  Status problem;                    // set when the array's header cannot be used (bad dtype, truncated, ...)

  std::int64_t rows() const { return shape.empty() ? 1 : shape[0]; }
  std::uint64_t rowElements() const;  // product of the dimensions after the first
  std::string describe() const;       // "float32 array of shape (3, 100, 8)"
};

class ArrayContainer {
 public:
  virtual ~ArrayContainer() = default;

  // The file as given by the user, for messages.
  const std::string& fileName() const { return fileName_; }
  // Every array in the file's order.
  const std::vector<StoredArray>& arrays() const { return arrays_; }
  const StoredArray* find(const std::string& name) const;

  // Rows [first, first + count) along the first axis, as doubles in C order (count * rowElements()
  // values). Thread-safe: implementations serialise access to their library handles.
  virtual Status readRows(const StoredArray& array, std::int64_t first, std::int64_t count, double* out) const = 0;
  // The elements of a 1-D string array.
  virtual Status readText(const StoredArray& array, std::vector<std::string>& out) const = 0;

  // "<file>: member '<name>' " + what: the one-sentence form of every message about an array.
  Status problemWith(const std::string& member, const std::string& what) const;

 protected:
  explicit ArrayContainer(std::string fileName) : fileName_(std::move(fileName)) {}
  std::vector<StoredArray> arrays_;

 private:
  std::string fileName_;
};

// Natural order ("dense2" before "dense10"), used where a file has no order of its own (a folder, an
// HDF5 group without tracked creation order): it is the order people number layers in.
bool naturalLess(const std::string& a, const std::string& b);

// The three forms. Each checks what it can at open (archive readable, headers parse) and records
// per-array problems in StoredArray::problem, reported only if the store needs that array.
Status openNpzContainer(const QString& path, std::unique_ptr<ArrayContainer>& out);
Status openNpyFolderContainer(const QString& path, std::unique_ptr<ArrayContainer>& out);
Status openHdf5Container(const QString& path, std::unique_ptr<ArrayContainer>& out);

// The one dispatch from a path to its form, used by every reader of data files: a folder of .npy
// files, a .npz archive, or an HDF5 file (.h5, .hdf5, .he5).
const QStringList& arrayContainerSuffixes();  // "npz", "h5", "hdf5", "he5"
bool isArrayContainerPath(const QString& path);  // a folder, or a file with one of those suffixes
// Opens the form the path names; anything else is one line naming the path and the forms.
Status openArrayContainer(const QString& path, std::unique_ptr<ArrayContainer>& out);

}  // namespace miwb
