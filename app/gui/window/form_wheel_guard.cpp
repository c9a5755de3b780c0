#include "window/form_wheel_guard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QWheelEvent>

namespace miwb::gui {

namespace {
bool isValueField(QObject* object) { return qobject_cast<QAbstractSpinBox*>(object) || qobject_cast<QComboBox*>(object); }
}  // namespace

FormWheelGuard::FormWheelGuard(QScrollArea* form, QObject* parent) : QObject(parent), form_(form) {
  qApp->installEventFilter(this);
}

bool FormWheelGuard::eventFilter(QObject* watched, QEvent* event) {
  const QEvent::Type type = event->type();
  if ((type != QEvent::Wheel && type != QEvent::Show && type != QEvent::Polish) || !form_ || !isValueField(watched))
    return false;
  auto* field = static_cast<QWidget*>(watched);
  // The form and what sits beside it (the run controls below the scrolling part).
  QWidget* scope = form_->parentWidget() ? form_->parentWidget() : form_.data();
  if (!scope->isAncestorOf(field)) return false;
  if (type != QEvent::Wheel) {
    // Before any wheel reaches it: Qt gives a Qt::WheelFocus widget the focus and then the wheel.
    if (field->focusPolicy() == Qt::WheelFocus) field->setFocusPolicy(Qt::StrongFocus);
    return false;
  }
  if (field->hasFocus()) return false;  // clicked into: the wheel steps its value, as the user means
  QCoreApplication::sendEvent(form_->verticalScrollBar(), event);
  return true;
}

}  // namespace miwb::gui
