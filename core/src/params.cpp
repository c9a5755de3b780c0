#include "miwb/params.h"

#include <cmath>
#include <sstream>

namespace miwb {
namespace {

const std::pair<ParamType, const char*> kTypeNames[] = {
    {ParamType::Int, "int"},         {ParamType::Real, "real"},          {ParamType::Bool, "bool"},
    {ParamType::Choice, "choice"},   {ParamType::String, "string"},      {ParamType::Path, "path"},
    {ParamType::IntList, "int-list"}, {ParamType::RealList, "real-list"},
};

bool isIntegral(const Json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  double d = v.get<double>();
  return std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15;
}

std::string formatNumber(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string rangeText(const ParamSpec& spec) {
  if (spec.minimum && spec.maximum)
    return "in [" + formatNumber(*spec.minimum) + ", " + formatNumber(*spec.maximum) + "]";
  if (spec.minimum) return ">= " + formatNumber(*spec.minimum);
  if (spec.maximum) return "<= " + formatNumber(*spec.maximum);
  return "";
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string ParamSpec::typeName(ParamType type) {
  for (auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return "?";
}

const ParamSpec* ParamSchema::find(const std::string& name) const {
  for (const auto& spec : specs_)
    if (spec.name == name) return &spec;
  return nullptr;
}

Status ParamSchema::fromJson(const Json& array, ParamSchema& out) {
  if (array.is_null()) {
    out = ParamSchema();
    return Status::ok();
  }
  if (!array.is_array()) return Status::invalidInput("'params' must be an array");
  std::vector<ParamSpec> specs;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const Json& e = array[i];
    const std::string where = "params[" + std::to_string(i) + "]";
    if (!e.is_object()) return Status::invalidInput(where + " must be an object");
    if (!e.contains("name") || !e["name"].is_string() || e["name"].get<std::string>().empty())
      return Status::invalidInput(where + " has no 'name'");
    ParamSpec spec;
    spec.name = e["name"].get<std::string>();
    const std::string here = where + " ('" + spec.name + "')";
    if (!e.contains("type") || !e["type"].is_string()) return Status::invalidInput(here + " has no 'type'");
    const std::string typeName = e["type"].get<std::string>();
    bool known = false;
    for (auto& [t, name] : kTypeNames)
      if (typeName == name) {
        spec.type = t;
        known = true;
      }
    if (!known) return Status::invalidInput(here + " has unknown type '" + typeName + "'");
    if (e.contains("min")) {
      if (!e["min"].is_number()) return Status::invalidInput(here + " 'min' must be a number");
      spec.minimum = e["min"].get<double>();
    }
    if (e.contains("max")) {
      if (!e["max"].is_number()) return Status::invalidInput(here + " 'max' must be a number");
      spec.maximum = e["max"].get<double>();
    }
    if (e.contains("choices")) {
      if (!e["choices"].is_array()) return Status::invalidInput(here + " 'choices' must be an array");
      for (const auto& c : e["choices"]) {
        if (!c.is_string()) return Status::invalidInput(here + " 'choices' must hold strings");
        spec.choices.push_back(c.get<std::string>());
      }
    }
    if (spec.type == ParamType::Choice && spec.choices.empty())
      return Status::invalidInput(here + " is a choice without 'choices'");
    if (e.contains("length")) {
      if (!e["length"].is_number_unsigned()) return Status::invalidInput(here + " 'length' must be a count");
      spec.length = e["length"].get<std::size_t>();
    }
    spec.nullable = e.value("nullable", false);
    spec.unit = e.value("unit", "");
    spec.help = e.value("help", "");
    if (!e.contains("default")) return Status::invalidInput(here + " has no 'default'");
    spec.defaultValue = e["default"];
    specs.push_back(std::move(spec));
  }
  ParamSchema schema(std::move(specs));
  // Defaults must satisfy their own schema: a plugin that ships a bad default is rejected at load.
  for (const auto& spec : schema.specs_) {
    Status s = schema.checkValue(spec, spec.defaultValue, "schema");
    if (!s.isOk()) return Status::invalidInput("default of '" + spec.name + "' is invalid: " + s.message());
  }
  out = std::move(schema);
  return Status::ok();
}

Json ParamSchema::toJson() const {
  Json array = Json::array();
  for (const auto& spec : specs_) {
    Json e = {{"name", spec.name}, {"type", ParamSpec::typeName(spec.type)}, {"default", spec.defaultValue}};
    if (spec.minimum) e["min"] = *spec.minimum;
    if (spec.maximum) e["max"] = *spec.maximum;
    if (!spec.choices.empty()) e["choices"] = spec.choices;
    if (spec.length) e["length"] = *spec.length;
    if (spec.nullable) e["nullable"] = true;
    if (!spec.unit.empty()) e["unit"] = spec.unit;
    if (!spec.help.empty()) e["help"] = spec.help;
    array.push_back(std::move(e));
  }
  return array;
}

Status ParamSchema::checkValue(const ParamSpec& spec, const Json& value, const std::string& owner) const {
  const std::string what = "parameter '" + spec.name + "' of '" + owner + "'";
  if (value.is_null()) {
    return spec.nullable ? Status::ok() : Status::invalidInput(what + " must be set");
  }
  auto checkNumber = [&](const Json& v, bool integral, const std::string& noun) -> Status {
    if (!v.is_number() || (integral && !isIntegral(v)) || !std::isfinite(v.get<double>())) {
      return Status::invalidInput(what + " must be " + noun + ", got " + v.dump());
    }
    double d = v.get<double>();
    if ((spec.minimum && d < *spec.minimum) || (spec.maximum && d > *spec.maximum))
      return Status::invalidInput(what + " must be " + rangeText(spec) + ", got " + v.dump());
    return Status::ok();
  };
  switch (spec.type) {
    case ParamType::Int:
      return checkNumber(value, true, "an integer");
    case ParamType::Real:
      return checkNumber(value, false, "a number");
    case ParamType::Bool:
      return value.is_boolean() ? Status::ok() : Status::invalidInput(what + " must be true or false, got " + value.dump());
    case ParamType::Choice: {
      if (value.is_string())
        for (const auto& c : spec.choices)
          if (c == value.get<std::string>()) return Status::ok();
      std::string list;
      for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
      return Status::invalidInput(what + " must be one of " + list + ", got " + value.dump());
    }
    case ParamType::String:
    case ParamType::Path:
      return value.is_string() ? Status::ok() : Status::invalidInput(what + " must be a string, got " + value.dump());
    case ParamType::IntList:
    case ParamType::RealList: {
      const bool integral = spec.type == ParamType::IntList;
      if (!value.is_array()) return Status::invalidInput(what + " must be a list of numbers, got " + value.dump());
      if (spec.length && value.size() != *spec.length)
        return Status::invalidInput(what + " must have " + std::to_string(*spec.length) + " elements, got " +
                                    std::to_string(value.size()));
      for (const auto& v : value) MIWB_TRY(checkNumber(v, integral, integral ? "a list of integers" : "a list of numbers"));
      return Status::ok();
    }
  }
  return Status::failed(what + " has an unknown type");
}

Status ParamSchema::resolve(const Json& given, const std::string& owner, Json& resolved) const {
  if (!given.is_null() && !given.is_object())
    return Status::invalidInput("parameters of '" + owner + "' must be an object");
  Json out = Json::object();
  if (given.is_object()) {
    for (auto it = given.begin(); it != given.end(); ++it) {
      if (!find(it.key())) {
        std::string known;
        for (const auto& s : specs_) known += (known.empty() ? "" : ", ") + s.name;
        return Status::invalidInput("unknown parameter '" + it.key() + "' for '" + owner + "'" +
                                    (known.empty() ? " (it takes none)" : " (known: " + known + ")"));
      }
    }
  }
  for (const auto& spec : specs_) {
    Json value = (given.is_object() && given.contains(spec.name)) ? given[spec.name] : spec.defaultValue;
    MIWB_TRY(checkValue(spec, value, owner));
    if (spec.type == ParamType::Int && !value.is_null()) value = static_cast<long long>(std::llround(value.get<double>()));
    if (spec.type == ParamType::IntList)
      for (auto& v : value) v = static_cast<long long>(std::llround(v.get<double>()));
    out[spec.name] = std::move(value);
  }
  resolved = std::move(out);
  return Status::ok();
}

Status ParamSchema::parseText(const ParamSpec& spec, const std::string& rawText, const std::string& owner, Json& out) {
  const std::string text = trim(rawText);
  const std::string what = "parameter '" + spec.name + "' of '" + owner + "'";
  if (spec.nullable && (text == "auto" || text == "null" || text.empty())) {
    out = nullptr;
    return Status::ok();
  }
  auto parseNumber = [&](const std::string& t, Json& v) -> Status {
    if (t.empty()) return Status::invalidInput(what + " must be a number, got ''");
    std::size_t used = 0;
    try {
      double d = std::stod(t, &used);
      if (used != t.size()) throw std::invalid_argument(t);
      v = d;
      if (isIntegral(v) && t.find_first_of(".eE") == std::string::npos) v = static_cast<long long>(d);
    } catch (const std::exception&) {
      return Status::invalidInput(what + " must be a number, got '" + t + "'");
    }
    return Status::ok();
  };
  switch (spec.type) {
    case ParamType::Int:
    case ParamType::Real:
      return parseNumber(text, out);
    case ParamType::Bool:
      if (text == "true" || text == "1" || text == "yes") out = true;
      else if (text == "false" || text == "0" || text == "no") out = false;
      else return Status::invalidInput(what + " must be true or false, got '" + text + "'");
      return Status::ok();
    case ParamType::Choice:
    case ParamType::String:
    case ParamType::Path:
      out = text;
      return Status::ok();
    case ParamType::IntList:
    case ParamType::RealList: {
      std::string body = text;
      if (body.size() >= 2 && body.front() == '[' && body.back() == ']') body = body.substr(1, body.size() - 2);
      out = Json::array();
      std::stringstream parts(body);
      std::string part;
      while (std::getline(parts, part, ',')) {
        Json v;
        MIWB_TRY(parseNumber(trim(part), v));
        out.push_back(v);
      }
      return Status::ok();
    }
  }
  return Status::failed(what + " has an unknown type");
}

}  // namespace miwb
