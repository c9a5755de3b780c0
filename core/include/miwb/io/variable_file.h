#pragma once
// Reads one variable for an estimate from a .npy or .csv file.
//   .npy, 1-D integer or bool dtype -> discrete labels;
//   .npy, any other numeric dtype (1-D or 2-D, C or Fortran order) -> continuous N x d values;
//   .csv -> continuous values, one row per sample, comma-separated; a first line that is not
//           numeric is taken as a header; blank lines and lines starting with '#' are skipped.
// Errors name the file and, for CSV, the line and column.
#include <QString>
#include <functional>
#include <string>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

struct NpyHeader;

Status readVariableFile(const QString& path, Variable& out);

// The variable an array holds by the .npy rules above, wherever the array lives (a file, or memory
// handed over by the Python module): `header` gives its dtype and shape (its data offset and order
// are not used), `readInto` writes its header.elementCount() elements as doubles in C order.
// Messages start with `name`.
Status variableFromArray(const NpyHeader& header, const std::string& name,
                         const std::function<Status(double*)>& readInto, Variable& out);

}  // namespace miwb
