#include "window/file_drop_filter.h"

#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace miwb::gui {

FileDropFilter::FileDropFilter(QWidget* window, std::function<void(const QString&)> open)
    : QObject(window), window_(window), open_(std::move(open)) {
  qApp->installEventFilter(this);
}

QString FileDropFilter::localFile(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile()) return url.toLocalFile();
  return {};
}

bool FileDropFilter::eventFilter(QObject* watched, QEvent* event) {
  const QEvent::Type type = event->type();
  if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop) return false;
  auto* widget = qobject_cast<QWidget*>(watched);
  if (!widget || !window_ || widget->window() != window_) return false;
  auto* drop = static_cast<QDropEvent*>(event);  // QDragEnterEvent and QDragMoveEvent derive from it
  const QString file = localFile(drop->mimeData());
  if (file.isEmpty()) return false;
  drop->acceptProposedAction();
  if (type == QEvent::Drop) open_(file);
  return true;
}

}  // namespace miwb::gui
