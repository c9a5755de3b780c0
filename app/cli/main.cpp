// miwb-cli: the headless front end of MI Workbench (same core and plugins as the GUI).
#include <QCoreApplication>
#include <cstring>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "figure_module.h"

namespace {

const char* kUsage =
    "usage:\n"
    "  miwb-cli plugins [--json]\n"
    "  miwb-cli estimate -e ID [-p key=value]... --x FILE --y FILE [--threads N] [--seed S] [--json]\n"
    "                    [--resamples B [--level L]]\n"
    "  miwb-cli sample   -d ID [-p key=value]... -n N [--seed S] --out DIR\n"
    "  miwb-cli run      EXPERIMENT.json --out DIR [--threads N] [--figures png,svg,pdf]\n"
    "                    [--max-memory SIZE] [--task-time-limit SECONDS] [--shard I/K] [--dry-run]\n"
    "  miwb-cli merge    DIR [DIR...] [--figures png,svg,pdf] [--partial]\n"
    "  miwb-cli calibrate -e ID [-p key=value]... --x FILE --y FILE [--family F] [--json] [--figures LIST --out DIR]\n"
    "  miwb-cli slurm    EXPERIMENT.json --out DIR --shards K [--wait] [--dry-run] [--figures LIST]\n"
    "                    [--partition P] [--time T] [--mem M] [--account A] [--other-sbatch-option=value]...\n";

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
    std::cerr << "error: figures are not available: " << error << std::endl;
    return nullptr;
  }
  return std::unique_ptr<QCoreApplication>(figures->makeApplication(argc, argv));
}

}  // namespace

int main(int argc, char** argv) {
  const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv);
  if (!app) return cli::kInternal;
  QCoreApplication::setApplicationName("miwb");
  QStringList args = QCoreApplication::arguments();
  if (args.size() < 2 || args[1] == "-h" || args[1] == "--help") {
    std::cout << kUsage;
    return args.size() < 2 ? cli::kBadInput : cli::kOk;
  }
  const QString command = args[1];
  args.removeAt(1);  // each command parses "miwb-cli <its options>"
  if (command == "plugins") return cli::runPlugins(args);
  if (command == "estimate") return cli::runEstimate(args);
  if (command == "sample") return cli::runSample(args);
  if (command == "run") return cli::runExperiment(args);
  if (command == "merge") return cli::runMerge(args);
  if (command == "slurm") return cli::runSlurm(args);
  if (command == "calibrate") return cli::runCalibrate(args);
  if (command == "screen") return cli::runScreen(args);
  std::cerr << kUsage;
  return cli::usageError("unknown command '" + command.toStdString() +
                         "' (use plugins, estimate, sample, run, merge, calibrate or slurm)");
}
