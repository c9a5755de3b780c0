#include "run_outputs.h"

#include "cli_common.h"
#include "figure_module.h"

namespace cli {

miwb::Status loadExperiment(const std::string& path, miwb::PluginRegistry& registry, miwb::Experiment& out) {
  miwb::Json doc;
  MIWB_TRY(miwb::readJsonFile(path, doc));
  MIWB_TRY(miwb::Experiment::fromJson(doc, out).withContext(path));
  findPlugins(registry);
  return out.resolve(registry).withContext(path);
}

miwb::Status parseFigureFormats(const QString& list, QStringList& out) {
  out = list.split(',', Qt::SkipEmptyParts);
  for (const QString& format : out)
    if (format != "png" && format != "svg" && format != "pdf")
      return miwb::Status::invalidInput("option --figures: unknown format '" + format.toStdString() +
                                        "' (use png, svg, pdf)");
  return miwb::Status::ok();
}

miwb::Status writeFigures(const miwb::Experiment& experiment, const std::vector<miwb::ResultRow>& table,
                          const QDir& out, const QStringList& formats) {
  if (formats.isEmpty()) return miwb::Status::ok();
  std::string error;
  const FigureModule* figures = loadFigureModule(error);  // main() loaded it already for the application
  if (!figures) return miwb::Status::failed("figures are not available: " + error);
  return figures->writeFigures(experiment, table, out, formats);
}

}  // namespace cli
