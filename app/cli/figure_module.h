#pragma once
// `run --figures` draws with Qt Widgets and Qt Charts, some sixty shared libraries to load. They sit
// in the module libmiwb-cli-figures, opened only when figures are asked for, so every other
// miwb-cli command starts without them (docs/architecture.md: the CLI has no widgets).
#include <QCoreApplication>
#include <QDir>
#include <QStringList>
#include <string>
#include <vector>

#include "miwb/host/trust/calibration.h"
#include "miwb/host/experiment/experiment.h"
#include "miwb/host/run/result_row.h"
#include "miwb/status.h"

namespace cli {

struct FigureModule {
  // The application object charts need: a QApplication, on the offscreen platform unless
  // QT_QPA_PLATFORM says otherwise.
  QCoreApplication* (*makeApplication)(int& argc, char** argv);
  // The same figures as the GUI views, each in every format with the data behind it as CSV; prints
  // the path of every file it writes.
  miwb::Status (*writeFigures)(const miwb::Experiment& experiment, const std::vector<miwb::ResultRow>& table,
                               const QDir& out, const QStringList& formats);
  // The calibration figure (estimate against truth) in every format, with its data as CSV.
  miwb::Status (*writeCalibrationFigure)(const miwb::CalibrationRequest& request, const miwb::CalibrationResult& result,
                                         const QDir& out, const QStringList& formats);
};

// Opens the module (found like libmiwb-core, through miwb-cli's library path); nullptr with the
// loader's reason in `error` when it cannot.
const FigureModule* loadFigureModule(std::string& error);

}  // namespace cli

// The one symbol the module exports: `const cli::FigureModule* miwbFigureModule()`.
#define MIWB_FIGURE_MODULE_ENTRY "miwbFigureModule"
