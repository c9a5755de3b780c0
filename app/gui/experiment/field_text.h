#pragma once
// The window's words for the experiment document's declared fields (experiment_fields.h): their
// label and help as Qt text, and where a declared path sits in a JSON document.
#include <QString>
#include <string>
#include <string_view>

#include "miwb/params.h"

namespace miwb::gui {

QString fieldLabel(std::string_view path);  // "N", "Uncertainty level"; the path itself if undeclared
QString fieldHelp(std::string_view path);
// "uncertainty.level" -> "/uncertainty/level" (paths through objects, no list items).
Json::json_pointer fieldPointer(std::string_view path);
// The path one level up: "grid.n[1]" -> "grid.n", "estimators[0].params" -> "estimators[0]", "seed" -> "".
std::string parentField(const std::string& path);

}  // namespace miwb::gui
