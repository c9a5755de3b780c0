#pragma once
// The core names what is wrong in an experiment by its place in the file ("field 'grid.n[1]'");
// the window names it as the form shows it ("N (entry 2)"), so that the user finds the field.
#include <QString>

namespace miwb::gui {

struct FieldProblem {
  QString message;  // in the window's words
  QString field;    // the core's field without indices ("grid.n", "estimators.label"), or empty
  int index = -1;   // the list entry or estimator the message is about, or -1
};

FieldProblem inWindowTerms(const QString& coreMessage);

}  // namespace miwb::gui
