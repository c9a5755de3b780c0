#include "experiment/field_text.h"

#include "miwb/host/experiment/experiment_fields.h"

namespace miwb::gui {

namespace {
QString fromView(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }
}  // namespace

QString fieldLabel(std::string_view path) {
  const ExperimentField* f = findExperimentField(path);
  return f ? fromView(f->label) : fromView(path);
}

QString fieldHelp(std::string_view path) {
  const ExperimentField* f = findExperimentField(path);
  return f ? fromView(f->help) : QString();
}

Json::json_pointer fieldPointer(std::string_view path) {
  std::string pointer = "/" + std::string(path);
  for (char& c : pointer)
    if (c == '.') c = '/';
  return Json::json_pointer(pointer);
}

std::string parentField(const std::string& path) {
  if (!path.empty() && path.back() == ']') return path.substr(0, path.rfind('['));
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

}  // namespace miwb::gui
