#pragma once
// The jobs panel: one row per run with its progress bar, what it is doing, an estimate of the time
// left, and a Cancel button. Finished runs stay listed with their outcome.
#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace miwb::gui {

class JobRow : public QWidget {
  Q_OBJECT
 public:
  explicit JobRow(const QString& title, QWidget* parent = nullptr);
  void setStage(const QString& stage, double fraction);
  void setProgress(int done, int total);
  void finish(const QString& outcome);
  QProgressBar* bar() const { return bar_; }
  QPushButton* cancelButton() const { return cancel_; }
  QString statusText() const;

 Q_SIGNALS:
  void cancelRequested();

 private:
  QLabel* title_;
  QLabel* status_;
  QProgressBar* bar_;
  QPushButton* cancel_;
  QElapsedTimer clock_;
  QElapsedTimer tasksClock_;  // from the first finished task: preparation time is not task time
  int firstDone_ = -1;
};

class JobsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit JobsPanel(QWidget* parent = nullptr);
  JobRow* addJob(const QString& title);
  JobRow* current() const { return current_; }

 private:
  QVBoxLayout* list_;
  JobRow* current_ = nullptr;
};

}  // namespace miwb::gui
