#include "dialogs/calibration_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <algorithm>
#include <oneapi/tbb/task_arena.h>

#include "charts/calibration_chart.h"
#include "charts/chart_panel.h"
#include "charts/figure_export.h"
#include "dialogs/export_dialog.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/trust/calibration_family.h"

namespace miwb::gui {

CalibrationDialog* CalibrationDialog::openFor(const PluginRegistry& registry, const Json& experiment,
                                              const std::optional<ResultRow>& row, QWidget* parent, QString& why) {
  if (!row) {
    why = "select a row in the Table view first: an estimate, or the I(X;T) or I(T;Y) row of a plane point";
    return nullptr;
  }
  if (!row->ok || !row->valueNats) {
    why = "the selected row holds no estimate";
    return nullptr;
  }
  if (!row->n || !row->dx || !row->dy) {
    why = "the selected row is an entropy, or comes from a journal that does not record dx and dy";
    return nullptr;
  }
  Experiment e;
  Status s = Experiment::fromJson(experiment, e);
  if (s) s = e.resolve(registry);
  const auto spec = std::find_if(e.estimators.begin(), e.estimators.end(),
                                 [&](const EstimatorSpec& es) { return es.label == row->estimator; });
  if (!s || spec == e.estimators.end() || spec->id != row->estimatorId) {
    why = "the experiment no longer has the estimator '" + QString::fromStdString(row->estimator) + "' of the selected row";
    return nullptr;
  }
  return new CalibrationDialog(registry, *row, spec->params, parent);
}

CalibrationDialog::CalibrationDialog(const PluginRegistry& registry, const ResultRow& row, const Json& estimatorParams,
                                     QWidget* parent)
    : QDialog(parent), registry_(registry), family_(new QComboBox), run_(new QPushButton("Calibrate")),
      answer_(new QLabel), layout_(new QVBoxLayout(this)) {
  setWindowTitle("Calibrate " + QString::fromStdString(row.estimator + " · " + row.quantity));
  CalibrationRequest& r = figure_.request;
  r.estimatorId = row.estimatorId;
  r.estimatorParams = estimatorParams;
  r.n = *row.n;
  r.dx = *row.dx;
  r.dy = *row.dy;
  r.estimate = *row.valueNats;
  r.cacheFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("calibration");
  r.cancel = &cancel_;
  auto* form = new QFormLayout;
  QString where = QString::fromStdString(row.estimator + ", " + row.quantity);
  if (row.layer) where += QStringLiteral(", layer %1, epoch %2").arg(QString::fromStdString(*row.layer)).arg(row.epoch.value_or(0));
  form->addRow("Estimate:", new QLabel(QStringLiteral("%1 nats (%2)").arg(r.estimate, 0, 'g', 4).arg(where)));
  form->addRow("Shape:", new QLabel(QStringLiteral("N = %1, %2+%3 dims").arg(r.n).arg(r.dx).arg(r.dy)));
  family_->setObjectName("family");
  family_->addItem("Default for these dims", QString());
  for (const std::string& f : KnownTruthFamily::available(registry))
    family_->addItem(QString::fromStdString(f), QString::fromStdString(f));
  family_->setToolTip("Known-truth data of the same N and dims on which the estimator is run");
  form->addRow("Family:", family_);
  layout_->addLayout(form);
  run_->setObjectName("calibrate");
  layout_->addWidget(run_);
  answer_->setObjectName("answer");
  answer_->setWordWrap(true);
  answer_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout_->addWidget(answer_);
  auto* buttons = new QDialogButtonBox;
  export_ = buttons->addButton("Export figure…", QDialogButtonBox::ActionRole);
  export_->setObjectName("export");
  export_->setToolTip("Save the calibration figure (PNG, SVG, PDF) or its curve as CSV");
  export_->setEnabled(false);
  QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
  close->setObjectName("close");
  layout_->addWidget(buttons);
  resize(760, 620);
  connect(run_, &QPushButton::clicked, this, &CalibrationDialog::start);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(export_, &QPushButton::clicked, this, &CalibrationDialog::exportFigure);
}

void CalibrationDialog::exportFigure() {
  ExportDialog dialog(figure_, this);
  if (dialog.exec() != QDialog::Accepted) return;
  if (const Status s = charts::exportFigure(figure_, dialog.path(), dialog.options()); !s)
    QMessageBox::warning(this, "Export figure", QString::fromStdString(s.message()));
}

CalibrationDialog::~CalibrationDialog() {
  cancel_ = true;
  if (worker_.joinable()) worker_.join();
}

void CalibrationDialog::start() {
  if (worker_.joinable()) return;  // one calibration at a time
  figure_.request.family = family_->currentData().toString().toStdString();
  run_->setEnabled(false);
  answer_->setText("Running the estimator on known-truth data of this shape…");
  worker_ = std::thread([this] {
    CalibrationResult result;
    Status status;
    tbb::task_arena arena;
    arena.execute([&] { status = calibrate(registry_, figure_.request, result); });
    QMetaObject::invokeMethod(this, [this, status, result] {
      figure_.result = result;
      done(status);
    }, Qt::QueuedConnection);
  });
}

void CalibrationDialog::done(const Status& status) {
  worker_.join();
  run_->setEnabled(true);
  if (!status) {
    answer_->setText("Calibration failed: " + QString::fromStdString(status.message()));
    Q_EMIT calibrated(false);
    return;
  }
  answer_->setText(QString::fromStdString(figure_.result.statement));
  delete chart_;
  chart_ = new charts::ChartPanel(new charts::CalibrationChart(&figure_.result, &figure_.request));
  chart_->setObjectName("calibrationChart");
  layout_->insertWidget(layout_->count() - 1, chart_, 1);  // above the buttons
  export_->setEnabled(true);
  Q_EMIT calibrated(true);
}

}  // namespace miwb::gui
