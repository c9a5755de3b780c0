// miwb-cli: the headless front end of MI Workbench (same core and plugins as the GUI). The commands
// and their help are listed in command_help.cpp; each command parses its own options.
#include <QCoreApplication>
#include <cstring>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "command_help.h"
#include "figure_module.h"
#include "miwb/sdk.h"

namespace {

// `run --figures` draws charts, which are graphics widgets and need a QApplication from the figure
// module. Other commands need no GUI at all.
bool drawsFigures(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--figures", 9) == 0) return true;
  return false;
}

std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv) {
  if (!drawsFigures(argc, argv)) return std::make_unique<QCoreApplication>(argc, argv);
  std::string error;
  const cli::FigureModule* figures = cli::loadFigureModule(error);
  if (!figures) {
    // A headless install (the package miwb-cli alone) has no figure module: it comes with the window.
    std::cerr << "error: --figures needs the figure module libmiwb-cli-figures.so, which is installed with "
                 "the window (Debian package miwb); run without --figures, or install miwb ("
              << error << ")" << std::endl;
    return nullptr;
  }
  return std::unique_ptr<QCoreApplication>(figures->makeApplication(argc, argv));
}

}  // namespace

int main(int argc, char** argv) {
  const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv);
  if (!app) return cli::kBadInput;
  QCoreApplication::setApplicationName("miwb");
  QCoreApplication::setApplicationVersion(MIWB_SDK_VERSION_STRING);
  QStringList args = QCoreApplication::arguments();
  if (auto done = cli::answerProgramOptions(args)) return *done;
  const QString name = args[1];
  const cli::Command* command = cli::findCommand(name);
  if (!command) {
    QStringList names;
    for (const cli::Command& c : cli::commands()) names << c.name;
    return cli::usageError("unknown command '" + name.toStdString() + "' (use " + names.join(", ").toStdString() +
                           "; see miwb-cli --help)");
  }
  args.removeAt(1);  // each command parses "miwb-cli <its options>"
  return command->run(args);
}
