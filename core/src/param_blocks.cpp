// ParamSchema::expandBlocks: shared parameter blocks of a plugin's metadata.
#include <set>

#include "miwb/params.h"

namespace miwb {
namespace {

Status expandUse(const Json& use, const Json& blocks, const std::string& where, Json& out) {
  if (!use["use"].is_string()) return Status::invalidInput(where + " 'use' must name a block");
  const std::string name = use["use"].get<std::string>();
  if (!blocks.is_object() || !blocks.contains(name) || !blocks[name].is_array())
    return Status::invalidInput(where + " uses the block '" + name + "', which 'param_blocks' does not define");
  for (auto it = use.begin(); it != use.end(); ++it)
    if (it.key() != "use" && it.key() != "except" && it.key() != "with")
      return Status::invalidInput(where + " has the key '" + it.key() + "'; a use takes only 'use', 'except' and 'with'");
  const Json& block = blocks[name];
  std::set<std::string> held;
  for (const Json& entry : block) {
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
      return Status::invalidInput("block '" + name + "' holds an entry without a 'name'");
    if (entry.contains("use")) return Status::invalidInput("block '" + name + "' uses another block; blocks do not nest");
    held.insert(entry["name"].get<std::string>());
  }
  const Json except = use.value("except", Json::array());
  const Json with = use.value("with", Json::object());
  if (!except.is_array()) return Status::invalidInput(where + " 'except' must be a list of names");
  if (!with.is_object()) return Status::invalidInput(where + " 'with' must be an object of entries");
  std::set<std::string> left;
  for (const Json& e : except) {
    if (!e.is_string() || !held.count(e.get<std::string>()))
      return Status::invalidInput(where + " 'except' names " + e.dump() + ", which block '" + name + "' does not hold");
    left.insert(e.get<std::string>());
  }
  for (auto it = with.begin(); it != with.end(); ++it) {
    if (!held.count(it.key()) || left.count(it.key()))
      return Status::invalidInput(where + " 'with' names '" + it.key() + "', which block '" + name +
                                  "' does not give here");
    if (!it.value().is_object() || it.value().contains("name"))
      return Status::invalidInput(where + " 'with' for '" + it.key() + "' must be an object of keys other than 'name'");
  }
  for (const Json& entry : block) {
    const std::string entryName = entry["name"].get<std::string>();
    if (left.count(entryName)) continue;
    Json expanded = entry;
    if (with.contains(entryName))
      for (auto it = with[entryName].begin(); it != with[entryName].end(); ++it) expanded[it.key()] = it.value();
    out.push_back(std::move(expanded));
  }
  return Status::ok();
}

}  // namespace

Status ParamSchema::expandBlocks(const Json& array, const Json& blocks, Json& out) {
  if (!blocks.is_null() && !blocks.is_object()) return Status::invalidInput("'param_blocks' must be an object");
  if (!array.is_array()) {
    out = array;  // fromJson reports what is wrong with it
    return Status::ok();
  }
  Json expanded = Json::array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const Json& entry = array[i];
    if (entry.is_object() && entry.contains("use"))
      MIWB_TRY(expandUse(entry, blocks, "params[" + std::to_string(i) + "]", expanded));
    else
      expanded.push_back(entry);
  }
  out = std::move(expanded);
  return Status::ok();
}

}  // namespace miwb
