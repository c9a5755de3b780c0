// miwb-cli calibrate: the estimator on the user's data, then on known-truth data of the same shape
// (host/calibration.h), and the estimate read back as an interval of true MI.
#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <oneapi/tbb/task_arena.h>

#include "cli_common.h"
#include "command_help.h"
#include "figure_module.h"
#include "miwb/host/trust/calibration.h"
#include "miwb/host/run/estimate_cache.h"
#include "miwb/io/variable_file.h"

namespace cli {

int runCalibrate(const QStringList& args) {
  QCommandLineParser parser;
  addEstimatorOnDataOptions(parser, "Seed of the estimate on the user's data.");
  parser.addOption({"family", "Known-truth family, as the datasets declare them (`miwb-cli plugins --json`): "
                               "gaussian (default when dx = dy), normal-dense (default otherwise), normal-sparse, "
                               "student-dense, additive-uniform; a family with a transform parameter takes F:transform.", "F"});
  parser.addOption({"repeats", "Estimates per grid point.", "R", "6"});
  parser.addOption({"figures", "Also draw the calibration figure in these formats (png,svg,pdf).", "LIST"});
  parser.addOption({"out", "Folder for the figures.", "DIR"});
  long long threads = 0, seed = 0, repeats = 0;
  if (auto done = answerCommandHelp(parser, args, "calibrate")) return *done;
  if (auto s = parseEstimatorOnDataOptions(parser, args, "calibrate", threads, seed); !s) return fail(s);
  if (parser.isSet("figures") && !parser.isSet("out")) return usageError("calibrate --figures needs --out DIR");
  if (auto s = parseCount(parser.value("repeats"), "repeats", 2, repeats); !s) return fail(s);
  bool levelOk = false;
  const double level = parser.value("level").toDouble(&levelOk);
  if (!levelOk || !(level > 0 && level < 1))
    return usageError("option --level must lie strictly between 0 and 1, got '" + parser.value("level").toStdString() + "'");

  miwb::PluginRegistry registry;
  EstimatorOnData input;
  if (auto s = readEstimatorOnData(parser, registry, input); !s) return fail(s);
  const std::string id = parser.value("e").toStdString();
  const miwb::Json& resolved = input.resolved;
  const std::unique_ptr<miwb::Estimator>& estimator = input.estimator;
  const miwb::Variable& x = input.x;
  const miwb::Variable& y = input.y;
  if (!x.hasValues() || !y.hasValues())
    return usageError("calibrate needs continuous X and Y (known-truth families are continuous); " +
                      std::string(!x.hasValues() ? "--x " + parser.value("x").toStdString() : "--y " + parser.value("y").toStdString()) +
                      " holds labels");

  std::atomic<bool> cancel{false};
  tbb::task_arena arena(threads > 0 ? static_cast<int>(threads) : tbb::info::default_concurrency());
  const QString cacheFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("calibration");
  const QString estimateFolder = QDir(cacheFolder).filePath("estimates");
  const miwb::Json estimateKey = miwb::estimateCacheKey(id, resolved, static_cast<std::uint64_t>(seed), x, y);
  miwb::Estimate estimate;
  miwb::Status status;
  const std::optional<double> cached = miwb::readCachedEstimate(estimateFolder, estimateKey);
  if (cached) {
    estimate.valueNats = *cached;
  } else {
    arena.execute([&] {
      miwb::RunContext ctx(static_cast<std::uint64_t>(seed), &cancel);
      status = miwb::callGuarded("estimator '" + id + "'", [&] { return estimator->mutualInformation(x, y, ctx, estimate); });
      if (status && !std::isfinite(estimate.valueNats)) status = miwb::Status::numericalIssue("the estimate is not a finite number");
    });
    if (!status)
      return usageError("estimator '" + id + "' failed on the data (" + parser.value("x").toStdString() + ", " +
                        parser.value("y").toStdString() + "), so there is nothing to calibrate: " + status.message());
    miwb::writeCachedEstimate(estimateFolder, estimateKey, estimate.valueNats);
  }

  miwb::CalibrationRequest request;
  request.estimatorId = id;
  request.estimatorParams = resolved;
  request.n = x.samples();
  request.dx = x.dims();
  request.dy = y.dims();
  request.family = parser.value("family").toStdString();
  request.estimate = estimate.valueNats;
  request.level = level;
  request.repeats = static_cast<int>(repeats);
  request.cacheFolder = cacheFolder;
  request.cancel = &cancel;
  miwb::CalibrationResult result;
  arena.execute([&] { status = miwb::calibrate(registry, request, result); });
  if (!status) return fail(status);

  if (parser.isSet("figures")) {
    std::string error;
    const FigureModule* figures = loadFigureModule(error);
    if (!figures) return fail(miwb::Status::failed("figures are not available: " + error));
    const QDir out(parser.value("out"));
    QDir().mkpath(out.absolutePath());
    if (auto s = figures->writeCalibrationFigure(request, result, out, parser.value("figures").split(',')); !s) return fail(s);
  }
  if (parser.isSet("json")) {
    miwb::Json j = result.toJson(request);
    j["estimate_cached"] = cached.has_value();
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << std::setprecision(4) << id << ": I(X;Y) = " << estimate.valueNats << " nats on the data (n = " << request.n
              << ", dx = " << request.dx << ", dy = " << request.dy << (cached ? "; from the cache" : "") << ")\n  " << result.statement << "\n  curve: "
              << result.curve.size() << " true values from " << result.curve.front().truth << " to "
              << result.curve.back().truth << " nats, " << request.repeats
              << " repeats each (" << result.computedPoints << " computed now, the rest cached in "
              << request.cacheFolder.toStdString() << ")" << std::endl;
  }
  return kOk;
}

}  // namespace cli
