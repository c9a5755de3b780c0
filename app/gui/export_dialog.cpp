#include "export_dialog.h"

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

namespace miwb::gui {

ExportDialog::ExportDialog(const QString& figureName, QWidget* parent)
    : QDialog(parent), format_(new QComboBox), path_(new QLineEdit), width_(new QSpinBox), height_(new QSpinBox),
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
  path_->setText(QDir(folder).filePath(figureName + "." + format_->currentData().toString()));
  width_->setRange(16, 20000);
  height_->setRange(16, 20000);
  dpi_->setRange(24, 2400);
  width_->setValue(settings.value("export/width", 1600).toInt());
  height_->setValue(settings.value("export/height", 1000).toInt());
  dpi_->setValue(settings.value("export/dpi", 150).toInt());
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
  form->addRow("Width", width_);
  form->addRow("Height", height_);
  form->addRow("DPI", dpi_);
  form->addRow(withData_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  form->addRow(buttons);

  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
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
  const QString suffix = format_->currentData().toString();
  const QFileInfo info(path_->text());
  path_->setText(info.path() + "/" + info.completeBaseName() + "." + suffix);
  for (QWidget* w : {static_cast<QWidget*>(width_), static_cast<QWidget*>(height_), static_cast<QWidget*>(dpi_)})
    w->setEnabled(suffix != "csv");
  withData_->setEnabled(suffix != "csv");
}

QString ExportDialog::path() const { return path_->text().trimmed(); }

charts::ExportOptions ExportDialog::options() const {
  charts::ExportOptions o;
  o.pixels = QSize(width_->value(), height_->value());
  o.dpi = dpi_->value();
  o.withData = withData_->isChecked() && format_->currentData().toString() != "csv";
  return o;
}

void ExportDialog::remember() {
  QSettings settings;
  settings.setValue("export/format", format_->currentData());
  settings.setValue("export/folder", QFileInfo(path()).path());
  settings.setValue("export/width", width_->value());
  settings.setValue("export/height", height_->value());
  settings.setValue("export/dpi", dpi_->value());
  settings.setValue("export/withData", withData_->isChecked());
}

}  // namespace miwb::gui
