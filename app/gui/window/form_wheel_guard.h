#pragma once
// The mouse wheel over a scrolling form scrolls the form: it never edits a spin box or a combo
// box that the user has not clicked into. Fields inside `form` (and beside it, in the form's parent:
// the run controls) get Qt::StrongFocus (a wheel does
// not focus them), and a wheel over one without focus goes to the form's scroll bar instead.
// Fields created later (a dataset's parameters, a new estimator) are covered too: the guard
// watches the application's events, not a fixed list of widgets.
#include <QObject>
#include <QPointer>

class QScrollArea;

namespace miwb::gui {

class FormWheelGuard : public QObject {
  Q_OBJECT
 public:
  FormWheelGuard(QScrollArea* form, QObject* parent);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QPointer<QScrollArea> form_;
};

}  // namespace miwb::gui
