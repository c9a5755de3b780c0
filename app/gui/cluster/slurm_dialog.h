#pragma once
// "Send to SLURM": the number of shards, partition and time limit, and the two sbatch scripts
// exactly as they will be submitted, updated as the fields change.
#include <QDialog>

#include "miwb/host/cluster/slurm_job.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace miwb::gui {

class SlurmDialog : public QDialog {
  Q_OBJECT
 public:
  // `base` carries everything but what the fields set; `problem` (e.g. no sbatch) disables Submit.
  SlurmDialog(SlurmRequest base, const QString& problem, QWidget* parent = nullptr);
  SlurmRequest request() const;
  SlurmScripts scripts() const { return slurmScripts(request()); }

  QSpinBox* shardsBox() const { return shards_; }
  QLineEdit* partitionEdit() const { return partition_; }
  QLineEdit* timeEdit() const { return time_; }
  QPlainTextEdit* preview() const { return preview_; }
  QPushButton* submitButton() const { return submit_; }

 private:
  void updatePreview();

  SlurmRequest base_;
  QSpinBox* shards_;
  QLineEdit* partition_;
  QLineEdit* time_;
  QPlainTextEdit* preview_;
  QPushButton* submit_;
};

}  // namespace miwb::gui
