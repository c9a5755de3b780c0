#pragma once
// Keyword arguments as plugin parameters.
#include <pybind11/pybind11.h>

#include <string>

#include "miwb/params.h"
#include "miwb/status.h"

namespace miwbpy {

// The parameters given to `owner` (an estimator or dataset with `schema`, nullptr when unknown) as
// the JSON object ParamSchema::resolve checks. A str value is read as the command line reads
// `-p key=value` ("auto", "-1,1", "true"), so both front ends accept the same text; other values
// (int, float, bool, None, lists, numpy scalars) are taken as they are.
miwb::Status paramsFromPython(const pybind11::dict& params, const miwb::ParamSchema* schema, const std::string& owner,
                              miwb::Json& out);

}  // namespace miwbpy
