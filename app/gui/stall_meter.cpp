#include "stall_meter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <iostream>
#include <vector>

#include "experiment_panel.h"
#include "main_window.h"

namespace miwb::gui {

int measureStall(MainWindow& window, const QString& experimentPath) {
  if (!window.openExperiment(experimentPath)) return 2;
  QTemporaryDir out;
  const QVariant remembered = QSettings().value("output/base");  // a benchmark must not change it
  window.experimentPanel()->setOutputFolder(out.path());
  window.show();

  std::vector<double> gaps;  // milliseconds between timer ticks while the run goes
  double worstAt = 0;        // seconds into the run when the longest gap ended
  QElapsedTimer clock, total;
  QTimer ticker;
  ticker.setTimerType(Qt::PreciseTimer);
  ticker.setInterval(5);
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    gaps.push_back(clock.nsecsElapsed() / 1e6);
    if (gaps.back() >= *std::max_element(gaps.begin(), gaps.end())) worstAt = total.elapsed() / 1000.0;
    clock.restart();
  });
  bool cancelled = false;
  QObject::connect(&window, &MainWindow::runFinished, [&](bool c) {
    cancelled = c;
    ticker.stop();
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
            << "median gap: " << sorted[sorted.size() / 2] << " ms" << std::endl;
  return 0;
}

}  // namespace miwb::gui
