// miwb: the MI Workbench desktop application.
//   miwb [EXPERIMENT.json | ACTIVATIONS.npz/.h5/folder]   opens it (default: the bundled example)
//   miwb --run [FILE]                                      opens it and starts the run at once
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <iostream>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/sdk.h"
#include "window/main_window.h"

namespace {

// Names Qt files settings and data under: ~/.config/miwb/workbench.conf and
// ~/.local/share/miwb/workbench/ (the default results folder is its runs/).
void nameApplication() {
  QCoreApplication::setOrganizationName("miwb");
  QCoreApplication::setApplicationName("workbench");
  QCoreApplication::setApplicationVersion(MIWB_SDK_VERSION_STRING);
}

// The options, declared once for --help (which needs no display) and for the window.
void declareOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(
      "MI Workbench: estimate mutual information in data and in neural networks; information planes and\n"
      "scaling curves of many estimators side by side. Headless runs: miwb-cli (see miwb-cli --help).");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addOption({"run", "Start running the experiment as soon as the window is open."});
  parser.addPositionalArgument("file", "An experiment (.json), activations (.npz, .h5, folder) or a run folder to open.",
                               "[file]");
}

bool asksForHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version") return true;
  }
  return false;
}

// --help and --version print and exit before any window system is needed.
int answerWithoutDisplay(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  nameApplication();
  QCommandLineParser parser;
  declareOptions(parser);
  if (!parser.parse(QCoreApplication::arguments())) {
    std::cerr << "error: " << parser.errorText().toStdString() << std::endl;
    return 2;
  }
  if (parser.isSet("version")) {
    std::cout << "miwb " MIWB_SDK_VERSION_STRING << std::endl;
    return 0;
  }
  const QString text = parser.helpText();
  std::cout << "Usage: miwb [options] [file]" << text.mid(text.indexOf('\n')).toStdString();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (asksForHelpOrVersion(argc, argv)) return answerWithoutDisplay(argc, argv);
  // Without any display, say so instead of letting Qt abort with a platform-plugin message.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
      qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
    std::cerr << "miwb: no display (DISPLAY and WAYLAND_DISPLAY are unset). Run an experiment headless with\n"
                 "  miwb-cli run EXPERIMENT.json --out DIR --figures png,svg,pdf\n"
                 "or start miwb under a display (e.g. xvfb-run -a miwb)."
              << std::endl;
    return 3;
  }
  QApplication app(argc, argv);
  nameApplication();
  QApplication::setApplicationDisplayName("MI Workbench");
  // The desktop entry (org.miwb.Workbench.desktop) and the window's icon: Wayland compositors match
  // the window to the entry by this name; the icon comes from the theme when installed.
  QGuiApplication::setDesktopFileName("org.miwb.Workbench");
  QApplication::setWindowIcon(QIcon::fromTheme("org.miwb.Workbench", QIcon(":/miwb/icons/org.miwb.Workbench.svg")));

  QCommandLineParser parser;
  declareOptions(parser);
  parser.process(app);

  miwb::PluginRegistry registry;
  registry.scan(miwb::PluginRegistry::defaultSearchPath());
  miwb::gui::MainWindow window(registry);
  if (!parser.positionalArguments().isEmpty()) window.openPath(parser.positionalArguments().first());
  window.show();
  if (parser.isSet("run")) QTimer::singleShot(0, &window, [&window] { window.startRun(); });
  return QApplication::exec();
}
