#pragma once
// The log panel: time-stamped messages from the application and from runs; errors in red.
#include <QPlainTextEdit>

namespace miwb::gui {

class LogPanel : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr);
  void info(const QString& message);
  void error(const QString& message);
};

}  // namespace miwb::gui
