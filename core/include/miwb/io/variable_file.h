#pragma once
// Reads one variable for an estimate from a .npy or .csv file.
//   .npy, 1-D integer or bool dtype -> discrete labels;
//   .npy, any other numeric dtype (1-D or 2-D, C or Fortran order) -> continuous N x d values;
//   .csv -> continuous values, one row per sample, comma-separated; a first line that is not
//           numeric is taken as a header; blank lines and lines starting with '#' are skipped.
// Errors name the file and, for CSV, the line and column.
#include <QString>

#include "miwb/status.h"
#include "miwb/variable.h"

namespace miwb {

Status readVariableFile(const QString& path, Variable& out);

}  // namespace miwb
