#include "arrays.h"

#include <cstring>

#include "miwb/io/npy.h"
#include "miwb/io/variable_file.h"

namespace py = pybind11;

namespace miwbpy {

miwb::Status variableFromNumpy(const py::array& array, const std::string& name, miwb::Variable& out) {
  miwb::NpyHeader header;
  const std::string descr = py::str(array.dtype().attr("str"));
  if (auto s = miwb::parseNpyDescr(descr, header); !s) throw py::type_error(name + ": " + s.message());
  for (py::ssize_t axis = 0; axis < array.ndim(); ++axis) header.shape.push_back(array.shape(axis));
  const char* base = static_cast<const char*>(array.data());
  const py::ssize_t rows = array.ndim() > 0 ? array.shape(0) : 0;
  const py::ssize_t cols = array.ndim() == 2 ? array.shape(1) : 1;
  const py::ssize_t rowStride = array.ndim() > 0 ? array.strides(0) : 0;
  const py::ssize_t colStride = array.ndim() == 2 ? array.strides(1) : header.itemSize;
  const bool plainDoubles = header.kind == 'f' && header.itemSize == 8 && !header.bigEndian;
  // Row by row in C order; a contiguous row of float64 is one memcpy, of another dtype one conversion.
  const auto readRows = [&](double* data) {
    const auto rowElements = static_cast<std::size_t>(cols);
    for (py::ssize_t i = 0; i < rows; ++i) {
      const char* row = base + i * rowStride;
      double* target = data + static_cast<std::size_t>(i) * rowElements;
      if (colStride != header.itemSize) {
        for (py::ssize_t j = 0; j < cols; ++j) miwb::convertNpyElements(row + j * colStride, 1, header, target + j);
      } else if (plainDoubles) {
        std::memcpy(target, row, rowElements * sizeof(double));
      } else {
        miwb::convertNpyElements(row, rowElements, header, target);
      }
    }
    return miwb::Status::ok();
  };
  return miwb::variableFromArray(header, name, readRows, out);
}

py::array numpyFromVariable(const miwb::Variable& v) {
  if (v.hasValues()) {
    const miwb::Matrix& m = v.values();
    py::array_t<double> a({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
    std::memcpy(a.mutable_data(), m.data(), static_cast<std::size_t>(m.size()) * sizeof(double));
    return std::move(a);
  }
  const miwb::Labels& labels = v.labels();
  py::array_t<std::int64_t> a(static_cast<py::ssize_t>(labels.size()));
  std::memcpy(a.mutable_data(), labels.data(), labels.size() * sizeof(std::int64_t));
  return std::move(a);
}

}  // namespace miwbpy
