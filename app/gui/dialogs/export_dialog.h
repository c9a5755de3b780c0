#pragma once
// Asks where and how to export a figure: file (its suffix picks PNG, SVG, PDF or CSV), a print
// preset (single column, double column, slide) or a custom pixel size, the DPI, and whether to write
// the data behind the figure as CSV next to it. Changing the format changes only the file's suffix.
// Under a preset the size fields show the pixel size the preset gives this figure (what is
// written), not the custom size. Remembers the last choices in QSettings.
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
  // `figure` must outlive the dialog.
  ExportDialog(const charts::Figure& figure, QWidget* parent = nullptr);
  QString path() const;
  charts::ExportOptions options() const;
  QComboBox* formatBox() const { return format_; }
  QComboBox* presetBox() const { return preset_; }
  QLineEdit* pathEdit() const { return path_; }

 private:
  void remember();
  void formatChanged();
  void presetChanged();
  void showPresetSize();

  const charts::Figure& figure_;
  QSize customPixels_;  // what the size fields hold while no preset is chosen
  QComboBox* format_;
  QComboBox* preset_;
  QLineEdit* path_;
  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
  QCheckBox* withData_;
};

}  // namespace miwb::gui
