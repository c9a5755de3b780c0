#pragma once
// Arrays between numpy and the workbench's variables.
#include <pybind11/numpy.h>

#include <string>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwbpy {

// Reads a numpy array by the rules `miwb-cli estimate` applies to a .npy file (miwb/io/variable_file.h):
// a 1-D integer or bool array is discrete labels, anything else numeric 1-D or 2-D is values, in
// any order and strides, converted element by element as the .npy reader converts them. The data
// goes straight from the array's buffer into the variable (one copy, no intermediate array).
// A dtype the reader does not take is TypeError; other problems are InvalidInput whose message
// starts with `name`, as the CLI's starts with the file name.
miwb::Status variableFromNumpy(const pybind11::array& array, const std::string& name, miwb::Variable& out);

// Values as a float64 (N, d) array, labels as an int64 (N,) array.
pybind11::array numpyFromVariable(const miwb::Variable& v);

}  // namespace miwbpy
