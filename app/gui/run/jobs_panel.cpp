#include "run/jobs_panel.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace miwb::gui {

namespace {
QString duration(double seconds) {
  if (seconds < 60) return QStringLiteral("%1 s").arg(std::max(1, static_cast<int>(seconds + 0.5)));
  if (seconds < 3600) return QStringLiteral("%1 min %2 s").arg(static_cast<int>(seconds) / 60).arg(static_cast<int>(seconds) % 60);
  return QStringLiteral("%1 h %2 min").arg(static_cast<int>(seconds) / 3600).arg(static_cast<int>(seconds) % 3600 / 60);
}
}  // namespace

JobRow::JobRow(const QString& title, QWidget* parent)
    : QWidget(parent), title_(new QLabel(title)), status_(new QLabel("starting…")), bar_(new QProgressBar),
      cancel_(new QPushButton("Cancel")) {
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  title_->setStyleSheet("font-weight: bold;");
  bar_->setRange(0, 0);  // busy until the first progress report
  cancel_->setObjectName("cancelJob");
  cancel_->setToolTip("Stop this run; finished tasks are kept in its results.jsonl");
  status_->setWordWrap(true);
  layout->addWidget(title_, 0, 0, 1, 2);
  layout->addWidget(status_, 1, 0, 1, 2);
  layout->addWidget(bar_, 2, 0);
  layout->addWidget(cancel_, 2, 1);
  layout->setColumnStretch(0, 1);
  connect(cancel_, &QPushButton::clicked, this, [this] {
    cancel_->setEnabled(false);
    status_->setText("cancelling…");
    Q_EMIT cancelRequested();
  });
  clock_.start();
}

QString JobRow::statusText() const { return status_->text(); }

void JobRow::setStage(const QString& stage, double fraction) {
  if (!cancel_->isEnabled()) return;
  bar_->setRange(0, 1000);
  bar_->setValue(static_cast<int>(fraction * 1000));
  status_->setText(QStringLiteral("%1: %2 %").arg(stage).arg(static_cast<int>(fraction * 100)));
}

void JobRow::setProgress(int done, int total) {
  if (!cancel_->isEnabled() || total <= 0) return;
  bar_->setRange(0, total);
  bar_->setValue(done);
  if (firstDone_ < 0) {
    firstDone_ = done;
    tasksClock_.start();
  }
  QString text = QStringLiteral("%1 / %2 tasks").arg(done).arg(total);
  const int since = done - firstDone_;
  if (since > 0 && done < total) {
    // Time left from the pace since the first task finished (dataset preparation excluded).
    const double perTask = tasksClock_.elapsed() / 1000.0 / since;
    text += ", about " + duration(perTask * (total - done)) + " left";
  }
  status_->setText(text);
}

void JobRow::finish(const QString& outcome) {
  cancel_->setEnabled(false);
  cancel_->hide();
  if (bar_->maximum() == 0) bar_->setRange(0, 1);
  status_->setText(outcome + " after " + duration(clock_.elapsed() / 1000.0));
}

JobsPanel::JobsPanel(QWidget* parent) : QWidget(parent), list_(new QVBoxLayout) {
  auto* inner = new QWidget;
  inner->setLayout(list_);
  list_->addStretch(1);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setWidget(inner);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll);
}

JobRow* JobsPanel::addJob(const QString& title) {
  current_ = new JobRow(title);
  list_->insertWidget(0, current_);  // newest on top
  return current_;
}

}  // namespace miwb::gui
