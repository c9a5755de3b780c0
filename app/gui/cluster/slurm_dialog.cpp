#include "cluster/slurm_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace miwb::gui {

SlurmDialog::SlurmDialog(SlurmRequest base, const QString& problem, QWidget* parent)
    : QDialog(parent), base_(std::move(base)), shards_(new QSpinBox), partition_(new QLineEdit), time_(new QLineEdit),
      preview_(new QPlainTextEdit) {
  setWindowTitle("Send to SLURM");
  shards_->setRange(1, 10000);
  shards_->setValue(base_.shards);
  shards_->setObjectName("shards");
  shards_->setToolTip("One array task per shard; each runs the tasks whose key hashes to it (docs/cluster.md).");
  partition_->setText(base_.partition);
  partition_->setPlaceholderText("the cluster's default");
  partition_->setObjectName("partition");
  time_->setText(base_.time);
  time_->setPlaceholderText("e.g. 01:00:00 (the partition's default when empty)");
  time_->setObjectName("time");
  preview_->setReadOnly(true);
  preview_->setObjectName("scripts");
  preview_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  preview_->setLineWrapMode(QPlainTextEdit::NoWrap);

  auto* form = new QFormLayout;
  form->addRow("Shards", shards_);
  form->addRow("Partition", partition_);
  form->addRow("Time limit", time_);
  auto* note = new QLabel(problem.isEmpty()
                              ? "These scripts go to sbatch: the array first, then the merge job that waits for it. "
                                "The window then follows the results folder as the shards write it."
                              : problem);
  note->setWordWrap(true);
  if (!problem.isEmpty()) note->setStyleSheet("color: #b00020;");
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  submit_ = buttons->addButton("Submit", QDialogButtonBox::AcceptRole);
  submit_->setEnabled(problem.isEmpty());
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(new QLabel("sbatch scripts, written into " + base_.outDir + "/slurm/:"));
  layout->addWidget(preview_, 1);
  layout->addWidget(note);
  layout->addWidget(buttons);
  resize(900, 640);

  connect(shards_, &QSpinBox::valueChanged, this, &SlurmDialog::updatePreview);
  connect(partition_, &QLineEdit::textChanged, this, &SlurmDialog::updatePreview);
  connect(time_, &QLineEdit::textChanged, this, &SlurmDialog::updatePreview);
  updatePreview();
}

SlurmRequest SlurmDialog::request() const {
  SlurmRequest r = base_;
  r.shards = shards_->value();
  r.partition = partition_->text().trimmed();
  r.time = time_->text().trimmed();
  return r;
}

void SlurmDialog::updatePreview() {
  const SlurmScripts s = scripts();
  preview_->setPlainText("# " + s.shardsPath + "\n" + s.shardsText + "\n# " + s.mergePath + "\n" + s.mergeText);
}

}  // namespace miwb::gui
