#include "window/log_panel.h"

#include <QTime>

namespace miwb::gui {

LogPanel::LogPanel(QWidget* parent) : QPlainTextEdit(parent) {
  setReadOnly(true);
  setMaximumBlockCount(5000);  // a long session must not grow without bound
  setObjectName("log");
}

void LogPanel::info(const QString& message) {
  appendHtml(QStringLiteral("<span style='color:#666'>%1</span> %2")
                 .arg(QTime::currentTime().toString("HH:mm:ss"), message.toHtmlEscaped()));
}

void LogPanel::error(const QString& message) {
  appendHtml(QStringLiteral("<span style='color:#666'>%1</span> <span style='color:#b00020'>%2</span>")
                 .arg(QTime::currentTime().toString("HH:mm:ss"), message.toHtmlEscaped()));
}

}  // namespace miwb::gui
