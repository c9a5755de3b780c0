#include "miwb/param_reader.h"

#include <cmath>

namespace miwb {

ParamReader::ParamReader(const Json& resolved, std::string owner) : params_(resolved), owner_(std::move(owner)) {}

void ParamReader::fail(const std::string& name, const std::string& problem) {
  if (status_.isOk())
    status_ = Status::invalidInput("parameter '" + name + "' of '" + owner_ + "' " + problem).atField(name);
}

void ParamReader::require(bool ok, const std::string& name, const std::string& problem) {
  if (!ok) fail(name, problem);
}

const Json* ParamReader::find(const std::string& name) {
  if (params_.is_object()) {
    const auto it = params_.find(name);
    if (it != params_.end()) return &*it;
  }
  fail(name, "is missing");
  return nullptr;
}

bool ParamReader::readInteger(const Json& value, const std::string& name, double lowest, double highest,
                              long long& out) {
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    out = value.get<long long>();
  } else if (value.is_number_unsigned() && value.get<std::uint64_t>() <= static_cast<std::uint64_t>(
                                                                              std::numeric_limits<long long>::max())) {
    out = static_cast<long long>(value.get<std::uint64_t>());
  } else if (value.is_number_float() && std::isfinite(value.get<double>()) &&
             value.get<double>() == std::floor(value.get<double>()) && std::fabs(value.get<double>()) < 9.0e15) {
    out = static_cast<long long>(value.get<double>());
  } else {
    fail(name, "must be an integer, got " + value.dump());
    return false;
  }
  if (static_cast<double>(out) < lowest || static_cast<double>(out) > highest) {
    fail(name, "does not fit the plugin's integer type, got " + value.dump());
    return false;
  }
  return true;
}

bool ParamReader::readReal(const Json& value, const std::string& name, double& out) {
  if (!value.is_number()) {
    fail(name, "must be a number, got " + value.dump());
    return false;
  }
  out = value.get<double>();
  return true;
}

bool ParamReader::readBool(const Json& value, const std::string& name, bool& out) {
  if (!value.is_boolean()) {
    fail(name, "must be true or false, got " + value.dump());
    return false;
  }
  out = value.get<bool>();
  return true;
}

bool ParamReader::readString(const Json& value, const std::string& name, std::string& out) {
  if (!value.is_string()) {
    fail(name, "must be a string, got " + value.dump());
    return false;
  }
  out = value.get<std::string>();
  return true;
}

bool ParamReader::readArray(const Json& value, const std::string& name) {
  if (value.is_array()) return true;
  fail(name, "must be a list, got " + value.dump());
  return false;
}

}  // namespace miwb
