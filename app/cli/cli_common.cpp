#include "cli_common.h"

#include "miwb/host/estimate/pair_estimate.h"
#include "miwb/io/variable_file.h"

#include <QCommandLineParser>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace cli {

int fail(const miwb::Status& status) {
  std::cerr << "error: " << status.message() << std::endl;
  switch (status.code()) {
    case miwb::StatusCode::InvalidInput:
    case miwb::StatusCode::Unsupported:
      return kBadInput;
    case miwb::StatusCode::Cancelled:
      return kCancelled;
    default:
      return kInternal;
  }
}

int usageError(const std::string& message) { return fail(miwb::Status::invalidInput(message)); }

void findPlugins(miwb::PluginRegistry& registry, miwb::PluginLoading loading) {
  registry.scan(miwb::PluginRegistry::defaultSearchPath(), loading);
}

miwb::Status parseParams(const QStringList& assignments, const miwb::ParamSchema& schema, const std::string& owner,
                         miwb::Json& out) {
  out = miwb::Json::object();
  for (const QString& assignment : assignments) {
    const qsizetype eq = assignment.indexOf('=');
    if (eq <= 0)
      return miwb::Status::invalidInput("parameter '" + assignment.toStdString() + "' must be written key=value");
    const std::string key = assignment.left(eq).trimmed().toStdString();
    const miwb::ParamSpec* spec = schema.find(key);
    if (!spec) {
      std::string known;
      for (const auto& s : schema.specs()) known += (known.empty() ? "" : ", ") + s.name;
      return miwb::Status::invalidInput("unknown parameter '" + key + "' for '" + owner + "'" +
                                        (known.empty() ? " (it takes none)" : " (known: " + known + ")"));
    }
    miwb::Json value;
    MIWB_TRY(miwb::ParamSchema::parseText(*spec, assignment.mid(eq + 1).toStdString(), owner, value));
    out[key] = value;
  }
  return miwb::Status::ok();
}

miwb::Status parseCount(const QString& text, const char* option, long long minimum, long long& out) {
  bool ok = false;
  out = text.toLongLong(&ok);
  if (!ok || out < minimum)
    return miwb::Status::invalidInput(std::string("option --") + option + " must be an integer >= " +
                                      std::to_string(minimum) + ", got '" + text.toStdString() + "'");
  return miwb::Status::ok();
}

miwb::Status parseUncertaintyOptions(const QCommandLineParser& parser, miwb::UncertaintyOptions& out) {
  out = miwb::UncertaintyOptions();
  if (!parser.isSet("resamples")) {
    if (parser.isSet("level")) return miwb::Status::invalidInput("option --level needs --resamples B");
    return miwb::Status::ok();
  }
  bool ok = false;
  const long long b = parser.value("resamples").toLongLong(&ok);
  if (!ok) return miwb::Status::invalidInput("option --resamples must be an integer, got '" + parser.value("resamples").toStdString() + "'");
  const double level = parser.value("level").toDouble(&ok);
  if (!ok) return miwb::Status::invalidInput("option --level must be a number, got '" + parser.value("level").toStdString() + "'");
  MIWB_TRY(miwb::checkUncertainty(b, level, "option --resamples", "option --level"));
  out.resamples = static_cast<int>(b);
  out.level = level;
  return miwb::Status::ok();
}

bool stderrIsTerminal() { return isatty(fileno(stderr)) != 0; }

void addEstimatorOnDataOptions(QCommandLineParser& parser, const QString& seedHelp) {
  parser.addOption({{"e", "estimator"}, "Estimator id.", "ID"});
  parser.addOption({{"p", "param"}, "Estimator parameter (repeatable).", "key=value"});
  parser.addOption({"x", "X samples (.npy or .csv).", "FILE"});
  parser.addOption({"y", "Y samples (.npy or .csv).", "FILE"});
  parser.addOption({"threads", "Worker threads (default: all cores).", "N"});
  parser.addOption({"seed", seedHelp, "S", "0"});
  parser.addOption({"level", "Interval level, in (0, 1).", "L", "0.9"});
  parser.addOption({"json", "Print one JSON object."});
}

miwb::Status parseEstimatorOnDataOptions(QCommandLineParser& parser, const QStringList& args, const std::string& command,
                                         long long& threads, long long& seed) {
  if (!parser.parse(args)) return miwb::Status::invalidInput(parser.errorText().toStdString());
  if (!parser.positionalArguments().isEmpty())
    return miwb::Status::invalidInput(command + " takes no positional arguments, got '" +
                                      parser.positionalArguments().first().toStdString() + "'");
  for (const char* required : {"e", "x", "y"})
    if (!parser.isSet(required))
      return miwb::Status::invalidInput(command + " needs " +
                                        (required[0] == 'e' ? std::string("-e ID") : std::string("--") + required + " FILE"));
  threads = 0;
  if (parser.isSet("threads")) MIWB_TRY(parseCount(parser.value("threads"), "threads", 1, threads));
  return parseCount(parser.value("seed"), "seed", 0, seed);
}

miwb::Status readEstimatorOnData(const QCommandLineParser& parser, miwb::PluginRegistry& registry, EstimatorOnData& out) {
  findPlugins(registry);
  const std::string id = parser.value("e").toStdString();
  miwb::Json given;
  if (const auto* entry = registry.estimator(id)) MIWB_TRY(parseParams(parser.values("p"), entry->info->params, id, given));
  MIWB_TRY(registry.createEstimator(id, given, out.estimator, &out.resolved));
  MIWB_TRY(miwb::readVariableFile(parser.value("x"), out.x));
  MIWB_TRY(miwb::readVariableFile(parser.value("y"), out.y));
  return miwb::checkSameSamples(out.x, "X (" + parser.value("x").toStdString() + ")", out.y,
                                "Y (" + parser.value("y").toStdString() + ")");
}

}  // namespace cli
