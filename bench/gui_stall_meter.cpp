#include "gui_stall_meter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMetaEnum>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <ctime>
#include <iostream>
#include <vector>

#include "experiment/experiment_panel.h"
#include "window/main_window.h"

namespace miwb::gui {
namespace {

// Names the events the loop spent its time in: the time from one delivered event to the next is
// charged to the first (nested deliveries, e.g. paints inside a window update, split it further).
class EventClock : public QObject {
 public:
  struct Slow {
    double ms;     // wall time
    double cpuMs;  // the GUI thread's own CPU time in it: the rest went to waiting for a core
    QString what;
  };

  explicit EventClock(QObject* parent) : QObject(parent) { clock_.start(); }

  bool eventFilter(QObject* receiver, QEvent* event) override {
    const double now = clock_.nsecsElapsed() / 1e6, cpuNow = threadCpuMs();
    if (!last_.isEmpty() && now - lastAt_ >= kReported) slow_.push_back({now - lastAt_, cpuNow - lastCpu_, last_});
    lastAt_ = now;
    lastCpu_ = cpuNow;
    last_ = QStringLiteral("%1 to %2%3")
                .arg(QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type()),
                     receiver->metaObject()->className(),
                     receiver->objectName().isEmpty() ? QString() : " '" + receiver->objectName() + "'");
    return false;
  }

  std::vector<Slow> slowest(std::size_t count) {
    std::sort(slow_.begin(), slow_.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
    if (slow_.size() > count) slow_.resize(count);
    return slow_;
  }

 private:
  static double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
  }

  static constexpr double kReported = 10;  // ms; the 5 ms ticker bounds idle time between events
  QElapsedTimer clock_;
  double lastAt_ = 0, lastCpu_ = 0;
  QString last_;
  std::vector<Slow> slow_;
};

}  // namespace

int measureStall(MainWindow& window, const QString& experimentPath) {
  if (!window.openExperiment(experimentPath)) return 2;
  QTemporaryDir out;
  const QVariant remembered = QSettings().value("output/base");  // a benchmark must not change it
  window.experimentPanel()->setOutputFolder(out.path());
  window.show();

  std::vector<double> gaps;  // milliseconds between timer ticks while the run goes
  double worst = 0;          // the longest gap so far, ms
  double worstAt = 0;        // seconds into the run when the longest gap ended
  QElapsedTimer clock, total;
  QTimer ticker;
  ticker.setTimerType(Qt::PreciseTimer);
  ticker.setInterval(5);
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    gaps.push_back(clock.nsecsElapsed() / 1e6);
    if (gaps.back() >= worst) {
      worst = gaps.back();
      worstAt = total.elapsed() / 1000.0;
    }
    clock.restart();
  });
  auto* events = new EventClock(&window);
  bool cancelled = false;
  QObject::connect(&window, &MainWindow::runFinished, [&](bool c) {
    cancelled = c;
    ticker.stop();
    qApp->removeEventFilter(events);
    QApplication::quit();
  });
  QTimer::singleShot(500, [&] {  // let the window settle first
    if (!window.startRun()) {
      std::cerr << "error: the experiment cannot run: " << window.experimentPanel()->problem().toStdString() << "\n";
      QApplication::exit(2);
      return;
    }
    total.start();
    clock.start();
    qApp->installEventFilter(events);
    ticker.start();
  });
  const int rc = QApplication::exec();
  if (remembered.isValid())
    QSettings().setValue("output/base", remembered);
  else
    QSettings().remove("output/base");
  if (rc != 0) return rc;
  if (gaps.empty()) return 1;
  std::vector<double> sorted = gaps;
  std::sort(sorted.begin(), sorted.end());
  const double p99 = sorted[static_cast<std::size_t>(0.99 * (sorted.size() - 1))];
  std::cout << "run: " << total.elapsed() / 1000.0 << " s" << (cancelled ? " (cancelled)" : "") << "\n"
            << "timer ticks: " << gaps.size() << " (5 ms interval)\n"
            << "longest event-loop stall: " << sorted.back() << " ms (ending " << worstAt << " s into the run)\n"
            << "99th percentile gap: " << p99 << " ms\n"
            << "median gap: " << sorted[sorted.size() / 2] << " ms\n"
            << "slowest events (the time until the next event began):\n";
  for (const EventClock::Slow& e : events->slowest(5)) std::cout << "  " << e.ms << " ms (" << e.cpuMs << " ms CPU)  " << e.what.toStdString() << "\n";
  std::cout << std::flush;
  return 0;
}

}  // namespace miwb::gui
