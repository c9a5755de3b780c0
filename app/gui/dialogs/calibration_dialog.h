#pragma once
// The window's Calibrate action (host/calibration.h) on one result: an estimate, or one
// coordinate of an information-plane point. It shows the shape the estimate was made at (N, dx,
// dy, from the result row), lets the user pick the known-truth family, runs the calibration off the
// GUI thread (with the per-user cache) and shows the answer in words and the calibration figure.
#include <QDialog>
#include <atomic>
#include <optional>
#include <thread>

#include "charts/calibration_figure.h"
#include "miwb/host/run/result_row.h"

class QComboBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class CalibrationDialog : public QDialog {
  Q_OBJECT
 public:
  // `estimatorParams`: the resolved params of the row's estimator.
  CalibrationDialog(const PluginRegistry& registry, const ResultRow& row, const Json& estimatorParams,
                    QWidget* parent = nullptr);
  ~CalibrationDialog() override;

  // A dialog for the selected row of a run of `experiment` (the document); nullptr and the reason
  // in `why` when there is no row or it cannot be calibrated.
  static CalibrationDialog* openFor(const PluginRegistry& registry, const Json& experiment,
                                    const std::optional<ResultRow>& row, QWidget* parent, QString& why);
  void start();
  const charts::CalibrationFigure& figure() const { return figure_; }

 Q_SIGNALS:
  void calibrated(bool ok);

 private:
  void done(const Status& status);
  void exportFigure();

  const PluginRegistry& registry_;
  charts::CalibrationFigure figure_;
  QComboBox* family_;
  QPushButton* run_;
  QPushButton* export_ = nullptr;
  QLabel* answer_;
  QVBoxLayout* layout_;
  QWidget* chart_ = nullptr;
  std::atomic<bool> cancel_{false};
  std::thread worker_;
};

}  // namespace miwb::gui
