#include "python_params.h"

namespace py = pybind11;

namespace miwbpy {
namespace {

// A plain Python value as JSON; numpy scalars and arrays through their .tolist().
miwb::Status jsonFromPython(const py::handle& value, const std::string& what, miwb::Json& out) {
  if (value.is_none())
    out = nullptr;
  else if (py::isinstance<py::bool_>(value))
    out = value.cast<bool>();
  else if (py::isinstance<py::int_>(value))
    out = value.cast<long long>();
  else if (py::isinstance<py::float_>(value))
    out = value.cast<double>();
  else if (py::isinstance<py::str>(value))
    out = value.cast<std::string>();
  else if (py::hasattr(value, "tolist") && !py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value))
    return jsonFromPython(value.attr("tolist")(), what, out);
  else if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    out = miwb::Json::array();
    for (const py::handle item : value) {
      miwb::Json element;
      MIWB_TRY(jsonFromPython(item, what, element));
      out.push_back(std::move(element));
    }
  } else {
    return miwb::Status::invalidInput(what + " cannot be a " +
                                      py::str(py::type::of(value).attr("__name__")).cast<std::string>());
  }
  return miwb::Status::ok();
}

}  // namespace

miwb::Status paramsFromPython(const py::dict& params, const miwb::ParamSchema* schema, const std::string& owner,
                              miwb::Json& out) {
  out = miwb::Json::object();
  for (const auto& [key, value] : params) {
    const std::string name = py::str(key);
    const std::string what = "parameter '" + name + "' of '" + owner + "'";
    const miwb::ParamSpec* spec = schema ? schema->find(name) : nullptr;
    miwb::Json v;
    if (spec && py::isinstance<py::str>(value))
      MIWB_TRY(miwb::ParamSchema::parseText(*spec, value.cast<std::string>(), owner, v));
    else
      MIWB_TRY(jsonFromPython(value, what, v));
    out[name] = std::move(v);
  }
  return miwb::Status::ok();
}

}  // namespace miwbpy
