#pragma once
// Submits the two sbatch scripts without blocking the GUI thread: sbatch runs as a QProcess and
// its end arrives as a signal; the merge job is submitted once the array's id is known.
#include <QObject>
#include <QProcess>
#include <functional>

#include "miwb/host/cluster/slurm_job.h"

namespace miwb::gui {

class SlurmSubmitter : public QObject {
  Q_OBJECT
 public:
  explicit SlurmSubmitter(QString sbatch, QObject* parent = nullptr);
  void submit(const SlurmScripts& scripts);

 Q_SIGNALS:
  void submitted(const QString& arrayJobId, const QString& mergeJobId);
  void failed(const QString& message);

 private:
  void runSbatch(const QStringList& arguments, std::function<void(const QString& jobId)> then);

  QString sbatch_;
  SlurmScripts scripts_;
};

}  // namespace miwb::gui
