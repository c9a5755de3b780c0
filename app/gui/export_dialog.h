#pragma once
// Asks where and how to export a figure: file (its suffix picks PNG, SVG, PDF or CSV), pixel size
// and DPI for PNG, and whether to write the data behind the figure as CSV next to it. Remembers the
// last choices in QSettings.
#include <QDialog>

#include "charts/figure_export.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace miwb::gui {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(const QString& figureName, QWidget* parent = nullptr);
  QString path() const;
  charts::ExportOptions options() const;

 private:
  void remember();
  void formatChanged();

  QComboBox* format_;
  QLineEdit* path_;
  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
  QCheckBox* withData_;
};

}  // namespace miwb::gui
