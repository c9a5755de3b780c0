#pragma once
// Parameter schema: every plugin declares its parameters (name, type, default, range or choices,
// unit, help) in its metadata. The GUI builds forms from it and the CLI validates `-p key=value`
// against it, so the two front ends accept exactly the same values.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "miwb/status.h"

namespace miwb {

using Json = nlohmann::json;

enum class ParamType { Int, Real, Bool, Choice, String, Path, IntList, RealList };

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::Real;
  Json defaultValue;                  // null = "not set" (allowed only when nullable)
  std::optional<double> minimum;      // for Int, Real and each element of the lists: value >= minimum
  std::optional<double> maximum;
  std::optional<double> exclusiveMinimum;  // value > exclusiveMinimum ("exclusive_minimum" in JSON)
  std::optional<double> exclusiveMaximum;
  std::vector<std::string> choices;   // for Choice
  // For a Choice with too many choices to list in one error line (a benchmark's task ids): what a
  // valid value looks like, said instead of the list ("choices_hint" in JSON).
  std::string choicesHint;
  std::optional<std::size_t> length;  // for lists: exact number of elements
  bool nullable = false;              // null (or "auto" on the command line) is a valid value
  std::string unit;
  std::string help;

  static std::string typeName(ParamType type);
  // The allowed range in words: ">= 1", "> 0", "in [0, 1]", "in (0, 1]"; empty when unbounded.
  std::string rangeText() const;
};

class ParamSchema {
 public:
  ParamSchema() = default;
  explicit ParamSchema(std::vector<ParamSpec> specs) : specs_(std::move(specs)) {}

  // Reads the "params" array of a plugin's metadata; the message names the offending entry.
  static Status fromJson(const Json& array, ParamSchema& out);

  // Writes parameters shared by several offerings once: the plugin's top-level "param_blocks"
  // object maps a block name to an array of entries, and an entry {"use": "critic"} in an
  // offering's "params" stands for that block's entries, in order. Optional keys of a use:
  // "except": [names] leaves entries out; "with": {name: {key: value, ...}} replaces keys of an
  // entry (a default, a help text). Blocks do not nest. The result is a plain "params" array.
  static Status expandBlocks(const Json& array, const Json& blocks, Json& out);
  Json toJson() const;

  const std::vector<ParamSpec>& specs() const { return specs_; }
  const ParamSpec* find(const std::string& name) const;

  // Checks `given` (an object) and fills in defaults. `owner` names the estimator or dataset in
  // messages: "parameter 'k' of 'ksg' must be an integer >= 1, got 0".
  Status resolve(const Json& given, const std::string& owner, Json& resolved) const;

  // Converts one command-line value ("3", "0.5", "-1,1", "auto", "true") to JSON for `spec`.
  static Status parseText(const ParamSpec& spec, const std::string& text, const std::string& owner, Json& out);

 private:
  Status checkValue(const ParamSpec& spec, const Json& value, const std::string& owner) const;
  std::vector<ParamSpec> specs_;
};

}  // namespace miwb
