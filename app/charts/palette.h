#pragma once
// Categorical colours for series that are told apart by colour (layers, estimators): the "tab10"
// palette of matplotlib, which readers of information-plane papers are used to.
#include <QColor>

namespace miwb::charts {

QColor categoricalColor(int index);

}  // namespace miwb::charts
