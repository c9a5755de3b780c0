// libmiwb-cli-figures: the chart side of `miwb-cli run --figures` (see figure_module.h).
#include "figure_module.h"

#include <QApplication>
#include <iostream>

#include "charts/calibration_figure.h"
#include "charts/figure_export.h"
#include "charts/result_figures.h"

namespace {

QCoreApplication* makeApplication(int& argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  return new QApplication(argc, argv);
}

miwb::Status writeFigure(const miwb::charts::Figure& figure, const QDir& out, const QStringList& formats) {
  miwb::charts::ExportOptions options;
  options.withData = true;
  options.pixels = figure.defaultPixels();
  for (const QString& format : formats) {
    const QString path = out.filePath(figure.name() + "." + format);
    MIWB_TRY(miwb::charts::exportFigure(figure, path, options));
    std::cout << "figure: " << path.toStdString() << std::endl;
  }
  std::cout << "figure data: " << out.filePath(figure.name() + ".csv").toStdString() << std::endl;
  return miwb::Status::ok();
}

miwb::Status writeFigures(const miwb::Experiment& experiment, const std::vector<miwb::ResultRow>& table,
                          const QDir& out, const QStringList& formats) {
  for (const auto& figure : miwb::charts::figuresFor(experiment, table)) {
    if (figure->empty()) {
      std::cerr << "warning: no results to draw for figure '" << figure->name().toStdString() << "'" << std::endl;
      continue;
    }
    MIWB_TRY(writeFigure(*figure, out, formats));
  }
  return miwb::Status::ok();
}

miwb::Status writeCalibrationFigure(const miwb::CalibrationRequest& request, const miwb::CalibrationResult& result,
                                    const QDir& out, const QStringList& formats) {
  miwb::charts::CalibrationFigure figure;
  figure.request = request;
  figure.result = result;
  return writeFigure(figure, out, formats);
}

}  // namespace

extern "C" Q_DECL_EXPORT const cli::FigureModule* miwbFigureModule() {
  static const cli::FigureModule module{&makeApplication, &writeFigures, &writeCalibrationFigure};
  return &module;
}
