#pragma once
// Asks where and how to export a figure: file (its suffix picks PNG, SVG, PDF or CSV), a print
// preset (single column, double column, slide) or a custom pixel size, the DPI, and whether to write
// the data behind the figure as CSV next to it. Changing the format changes only the file's suffix.
// Remembers the last choices in QSettings.
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
  QComboBox* formatBox() const { return format_; }
  QComboBox* presetBox() const { return preset_; }
  QLineEdit* pathEdit() const { return path_; }

 private:
  void remember();
  void formatChanged();
  void presetChanged();

  QComboBox* format_;
  QComboBox* preset_;
  QLineEdit* path_;
  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
  QCheckBox* withData_;
};

}  // namespace miwb::gui
