#include "dialogs/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>

#include "charts/figure_style.h"

namespace miwb::gui {

ExportDialog::ExportDialog(const charts::Figure& figure, QWidget* parent)
    : QDialog(parent), figure_(figure), format_(new QComboBox), preset_(new QComboBox), path_(new QLineEdit), width_(new QSpinBox), height_(new QSpinBox),
      dpi_(new QSpinBox), withData_(new QCheckBox("Also save the data behind the figure as CSV")) {
  setWindowTitle("Export figure");
  QSettings settings;
  format_->addItem("PNG image", "png");
  format_->addItem("SVG (vector)", "svg");
  format_->addItem("PDF (vector)", "pdf");
  format_->addItem("CSV (data only)", "csv");
  format_->setCurrentIndex(std::max(0, format_->findData(settings.value("export/format", "png"))));
  const QString folder = settings.value("export/folder", QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                             .toString();
  path_->setText(QDir(folder).filePath(figure.name() + "." + format_->currentData().toString()));
  width_->setObjectName("width");
  height_->setObjectName("height");
  dpi_->setObjectName("dpi");
  width_->setRange(16, 20000);
  height_->setRange(16, 20000);
  dpi_->setRange(24, 2400);
  width_->setValue(settings.value("export/width", 1600).toInt());
  height_->setValue(settings.value("export/height", 1000).toInt());
  dpi_->setValue(settings.value("export/dpi", 150).toInt());
  customPixels_ = QSize(width_->value(), height_->value());
  preset_->addItem("Custom pixel size", QString());
  for (const charts::FigurePreset& preset : charts::figurePresets()) preset_->addItem(preset.name, preset.id);
  preset_->setToolTip("A print preset sets the printed width and the text (7.5-9 pt) and line sizes for it; "
                      "a PNG then gets width x DPI pixels, so that it prints at that size.");
  preset_->setCurrentIndex(std::max(0, preset_->findData(settings.value("export/preset", QString()))));
  width_->setSuffix(" px");
  height_->setSuffix(" px");
  dpi_->setToolTip("Dots per inch: at a higher DPI the same pixel size holds a smaller-looking, sharper figure.");
  withData_->setChecked(settings.value("export/withData", true).toBool());

  auto* browse = new QToolButton;
  browse->setText("…");
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(path_, 1);
  pathRow->addWidget(browse);
  auto* form = new QFormLayout(this);
  form->addRow("Format", format_);
  form->addRow("File", pathRow);
  form->addRow("Size", preset_);
  form->addRow("Width", width_);
  form->addRow("Height", height_);
  form->addRow("DPI", dpi_);
  form->addRow(withData_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  form->addRow(buttons);

  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
  connect(preset_, &QComboBox::currentIndexChanged, this, &ExportDialog::presetChanged);
  connect(dpi_, &QSpinBox::valueChanged, this, &ExportDialog::showPresetSize);
  for (QSpinBox* box : {width_, height_})
    connect(box, &QSpinBox::valueChanged, this, [this] {
      if (preset_->currentData().toString().isEmpty()) customPixels_ = QSize(width_->value(), height_->value());
    });
  connect(browse, &QToolButton::clicked, this, [this] {
    const QString suffix = format_->currentData().toString();
    const QString chosen = QFileDialog::getSaveFileName(this, "Export figure", path_->text(),
                                                        format_->currentText() + " (*." + suffix + ")");
    if (!chosen.isEmpty()) path_->setText(QFileInfo(chosen).suffix().isEmpty() ? chosen + "." + suffix : chosen);
  });
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    remember();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  formatChanged();
}

void ExportDialog::formatChanged() {
  // Only the suffix follows the format: the folder and the name the user chose stay.
  const QString suffix = format_->currentData().toString();
  QString text = path_->text().trimmed();
  const QString oldSuffix = QFileInfo(text).suffix().toLower();
  for (int i = 0; i < format_->count(); ++i)
    if (oldSuffix == format_->itemData(i).toString()) {
      text.chop(oldSuffix.size() + 1);
      break;
    }
  path_->setText(text + "." + suffix);
  presetChanged();
}

void ExportDialog::presetChanged() {
  const QString suffix = format_->currentData().toString();
  const bool custom = preset_->currentData().toString().isEmpty();
  for (QWidget* w : {static_cast<QWidget*>(width_), static_cast<QWidget*>(height_)}) w->setEnabled(suffix != "csv" && custom);
  dpi_->setEnabled(suffix != "csv");
  preset_->setEnabled(suffix != "csv");
  withData_->setEnabled(suffix != "csv");
  showPresetSize();
}

void ExportDialog::showPresetSize() {
  const QSignalBlocker blockWidth(width_), blockHeight(height_);
  if (preset_->currentData().toString().isEmpty()) {
    width_->setValue(customPixels_.width());
    height_->setValue(customPixels_.height());
    return;
  }
  charts::ExportOptions o;
  o.preset = preset_->currentData().toString();
  o.dpi = dpi_->value();
  const QSizeF inches = charts::printedInches(figure_, o);
  width_->setValue(qRound(inches.width() * o.dpi));
  height_->setValue(qRound(inches.height() * o.dpi));
}

QString ExportDialog::path() const { return path_->text().trimmed(); }

charts::ExportOptions ExportDialog::options() const {
  charts::ExportOptions o;
  o.pixels = customPixels_;
  o.dpi = dpi_->value();
  o.withData = withData_->isChecked() && format_->currentData().toString() != "csv";
  o.preset = preset_->currentData().toString();
  return o;
}

void ExportDialog::remember() {
  QSettings settings;
  settings.setValue("export/format", format_->currentData());
  settings.setValue("export/preset", preset_->currentData());
  settings.setValue("export/folder", QFileInfo(path()).path());
  settings.setValue("export/width", customPixels_.width());
  settings.setValue("export/height", customPixels_.height());
  settings.setValue("export/dpi", dpi_->value());
  settings.setValue("export/withData", withData_->isChecked());
}

}  // namespace miwb::gui
