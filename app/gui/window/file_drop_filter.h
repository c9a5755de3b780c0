#pragma once
// A file dragged onto any part of a window opens there (`open` gets its local path): the charts,
// which are most of the window, and text fields too, which would otherwise paste the file's URL
// into themselves (an experiment named "file:///data/store.npz"). Drags that carry no local file
// (text from another field) are left to the widgets.
#include <QObject>
#include <QPointer>
#include <functional>

class QMimeData;
class QWidget;

namespace miwb::gui {

class FileDropFilter : public QObject {
  Q_OBJECT
 public:
  FileDropFilter(QWidget* window, std::function<void(const QString&)> open);

  // The first local file a drag carries, or empty.
  static QString localFile(const QMimeData* mime);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QPointer<QWidget> window_;
  std::function<void(const QString&)> open_;
};

}  // namespace miwb::gui
