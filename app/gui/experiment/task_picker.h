#pragma once
// A dialog to pick benchmark tasks from a suite's `task` choices, grouped by the family its metadata
// gives each task ("tasks": [{id, family, label}]).
#include <QString>
#include <optional>

class QWidget;

namespace miwb {
struct OfferingInfo;
}

namespace miwb::gui {

// `current` is the grid's text ("all" or comma-separated ids); the answer has the same form, or
// nothing when the user cancels.
std::optional<QString> pickBenchmarkTasks(const OfferingInfo& dataset, const QString& current, QWidget* parent);

}  // namespace miwb::gui
