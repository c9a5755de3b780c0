#include "cluster/slurm_submitter.h"

#include <functional>

namespace miwb::gui {

SlurmSubmitter::SlurmSubmitter(QString sbatch, QObject* parent) : QObject(parent), sbatch_(std::move(sbatch)) {}

void SlurmSubmitter::submit(const SlurmScripts& scripts) {
  scripts_ = scripts;
  runSbatch(sbatchShardsArguments(scripts_), [this](const QString& arrayId) {
    runSbatch(sbatchMergeArguments(scripts_, arrayId),
              [this, arrayId](const QString& mergeId) { Q_EMIT submitted(arrayId, mergeId); });
  });
}

void SlurmSubmitter::runSbatch(const QStringList& arguments, std::function<void(const QString&)> then) {
  auto* process = new QProcess(this);
  connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;  // the others end in finished()
    Q_EMIT failed("sbatch could not be started: " + process->errorString());
    process->deleteLater();
  });
  connect(process, &QProcess::finished, this, [this, process, arguments, then](int code, QProcess::ExitStatus status) {
    process->deleteLater();
    const QString out = QString::fromUtf8(process->readAllStandardOutput());
    if (status != QProcess::NormalExit || code != 0) {
      Q_EMIT failed("sbatch " + arguments.join(' ') + " failed: " + QString::fromUtf8(process->readAllStandardError()).trimmed());
      return;
    }
    QString id;
    if (const Status s = parseSbatchJobId(out, id); !s) {
      Q_EMIT failed(QString::fromStdString(s.message()));
      return;
    }
    then(id);
  });
  process->start(sbatch_, arguments);
}

}  // namespace miwb::gui
