#include "experiment/document_edits.h"

namespace miwb::gui {

Json mergeDiff(const Json& from, const Json& to) {
  if (!from.is_object() || !to.is_object()) return to;
  Json patch = Json::object();
  for (const auto& [key, value] : from.items())
    if (!to.contains(key)) patch[key] = nullptr;  // a merge patch's "remove"
  for (const auto& [key, value] : to.items()) {
    if (!from.contains(key)) {
      patch[key] = value;
    } else if (from[key] != value) {
      patch[key] = from[key].is_object() && value.is_object() ? mergeDiff(from[key], value) : value;
    }
  }
  return patch;
}

Json withFormChanges(Json written, const Json& loaded, const Json& now) {
  if (!written.is_object()) written = Json::object();
  written.merge_patch(mergeDiff(loaded, now));
  return written;
}

}  // namespace miwb::gui
