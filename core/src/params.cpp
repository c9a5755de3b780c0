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

// The tighter of an inclusive and an exclusive bound on the same side, as (value, exclusive).
std::optional<std::pair<double, bool>> lowerBound(const ParamSpec& spec) {
  if (spec.exclusiveMinimum && (!spec.minimum || *spec.exclusiveMinimum >= *spec.minimum))
    return std::pair{*spec.exclusiveMinimum, true};
  if (spec.minimum) return std::pair{*spec.minimum, false};
  return std::nullopt;
}

std::optional<std::pair<double, bool>> upperBound(const ParamSpec& spec) {
  if (spec.exclusiveMaximum && (!spec.maximum || *spec.exclusiveMaximum <= *spec.maximum))
    return std::pair{*spec.exclusiveMaximum, true};
  if (spec.maximum) return std::pair{*spec.maximum, false};
  return std::nullopt;
}

bool inRange(const ParamSpec& spec, double v) {
  if (spec.minimum && v < *spec.minimum) return false;
  if (spec.maximum && v > *spec.maximum) return false;
  if (spec.exclusiveMinimum && !(v > *spec.exclusiveMinimum)) return false;
  if (spec.exclusiveMaximum && !(v < *spec.exclusiveMaximum)) return false;
  return true;
}

Status readBound(const Json& e, const char* key, const std::string& here, std::optional<double>& out) {
  if (!e.contains(key)) return Status::ok();
  if (!e[key].is_number()) return Status::invalidInput(here + " '" + key + "' must be a number");
  out = e[key].get<double>();
  return Status::ok();
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string ParamSpec::rangeText() const {
  const auto lower = lowerBound(*this), upper = upperBound(*this);
  if (lower && upper)
    return std::string("in ") + (lower->second ? "(" : "[") + formatNumber(lower->first) + ", " +
           formatNumber(upper->first) + (upper->second ? ")" : "]");
  if (lower) return (lower->second ? "> " : ">= ") + formatNumber(lower->first);
  if (upper) return (upper->second ? "< " : "<= ") + formatNumber(upper->first);
  return "";
}

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
    MIWB_TRY(readBound(e, "min", here, spec.minimum));
    MIWB_TRY(readBound(e, "max", here, spec.maximum));
    MIWB_TRY(readBound(e, "exclusive_minimum", here, spec.exclusiveMinimum));
    MIWB_TRY(readBound(e, "exclusive_maximum", here, spec.exclusiveMaximum));
    if (e.contains("choices")) {
      if (!e["choices"].is_array()) return Status::invalidInput(here + " 'choices' must be an array");
      for (const auto& c : e["choices"]) {
        if (!c.is_string()) return Status::invalidInput(here + " 'choices' must hold strings");
        spec.choices.push_back(c.get<std::string>());
      }
    }
    spec.choicesHint = e.value("choices_hint", "");
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
    if (spec.exclusiveMinimum) e["exclusive_minimum"] = *spec.exclusiveMinimum;
    if (spec.exclusiveMaximum) e["exclusive_maximum"] = *spec.exclusiveMaximum;
    if (!spec.choices.empty()) e["choices"] = spec.choices;
    if (!spec.choicesHint.empty()) e["choices_hint"] = spec.choicesHint;
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
    if (!inRange(spec, v.get<double>()))
      return Status::invalidInput(what + " must be " + spec.rangeText() + ", got " + v.dump());
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
      if (!spec.choicesHint.empty()) {
        const std::string shown = value.is_string() ? "'" + value.get<std::string>() + "'" : value.dump();
        return Status::invalidInput("unknown " + spec.name + " " + shown + " for '" + owner + "': expected " +
                                    spec.choicesHint);
      }
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
                                    (known.empty() ? " (it takes none)" : " (known: " + known + ")"))
            .atField(it.key());
      }
    }
  }
  for (const auto& spec : specs_) {
    Json value = (given.is_object() && given.contains(spec.name)) ? given[spec.name] : spec.defaultValue;
    MIWB_TRY(checkValue(spec, value, owner).atField(spec.name));
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
