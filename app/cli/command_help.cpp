#include "command_help.h"

#include <QCommandLineParser>
#include <algorithm>
#include <iostream>

#include "cli_common.h"
#include "miwb/sdk.h"

namespace cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"plugins", "", "List every plugin file tried: loaded, or rejected and why, with each offering's parameters.",
       runPlugins},
      {"estimate", "-e ID --x FILE --y FILE", "Estimate I(X;Y) from two sample files (.npy or .csv) with one estimator.",
       runEstimate},
      {"sample", "-d ID -n N --out DIR", "Draw a sample pair with known mutual information from a dataset plugin.",
       runSample},
      {"run", "EXPERIMENT.json --out DIR", "Run an experiment into a results folder (resumable), optionally with figures.",
       runExperiment},
      {"merge", "DIR [DIR...]", "Merge shard journals into the files a single run writes.", runMerge},
      {"calibrate", "-e ID --x FILE --y FILE",
       "Check an estimator on known-truth data shaped like the user's: estimate against truth.", runCalibrate},
      {"slurm", "EXPERIMENT.json --out DIR --shards K",
       "Write and submit a SLURM array job of K shards and a merge job.", runSlurm},
      {"screen", "-e ID --x FILE --y FILE --out DIR",
       "Rank every feature of a file by its mutual information with one outcome.", runScreen},
  };
  return table;
}

const Command* findCommand(const QString& name) {
  for (const Command& command : commands())
    if (name == QLatin1String(command.name)) return &command;
  return nullptr;
}

namespace {

// Qt's help starts "Usage: <argv[0]> [options]"; ours names the program and the command.
QString helpWithUsage(const QCommandLineParser& parser, const QString& usage) {
  const QString text = parser.helpText();
  return "Usage: " + usage + text.mid(text.indexOf('\n'));
}

QString programHelp() {
  QCommandLineParser parser;
  QString description =
      "MI Workbench on the command line: estimate mutual information, run experiments and their figures,\n"
      "shard them over a cluster. Same estimators and plugins as the window (miwb), no display needed.\n\nCommands:\n";
  qsizetype width = 0;
  for (const Command& command : commands()) width = std::max<qsizetype>(width, qstrlen(command.name));
  for (const Command& command : commands())
    description += "  " + QString::fromLatin1(command.name).leftJustified(width + 2) + command.summary + "\n";
  description += "\nRun 'miwb-cli COMMAND --help' for the options of a command.\n\n"
                 "Exit status: 0 success, 2 bad usage or input (one 'error:' line), 1 internal failure, 130 cancelled.";
  parser.setApplicationDescription(description);
  parser.addHelpOption();
  parser.addVersionOption();
  return helpWithUsage(parser, "miwb-cli COMMAND [options]");
}

}  // namespace

std::optional<int> answerProgramOptions(const QStringList& args) {
  if (args.size() < 2) {
    std::cerr << programHelp().toStdString();
    return kBadInput;
  }
  const QString& first = args[1];
  if (first == "-h" || first == "--help" || first == "--help-all") {
    std::cout << programHelp().toStdString();
    return kOk;
  }
  if (first == "-v" || first == "--version") {
    std::cout << "miwb-cli " MIWB_SDK_VERSION_STRING << std::endl;
    return kOk;
  }
  if (first.startsWith('-'))
    return usageError("unknown option '" + first.toStdString() + "' (options follow the command; see miwb-cli --help)");
  return std::nullopt;
}

std::optional<int> answerCommandHelp(QCommandLineParser& parser, const QStringList& args, const QString& name) {
  parser.addHelpOption();
  if (!args.contains("-h") && !args.contains("--help") && !args.contains("--help-all")) return std::nullopt;
  const Command* command = findCommand(name);
  QString usage = "miwb-cli " + name;
  if (command) {
    parser.setApplicationDescription(QString::fromUtf8(command->summary));
    if (*command->synopsis) usage += QStringLiteral(" ") + command->synopsis;
  }
  std::cout << helpWithUsage(parser, usage + " [options]").toStdString();
  return kOk;
}

}  // namespace cli
