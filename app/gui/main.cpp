// miwb: the MI Workbench desktop application.
//   miwb [EXPERIMENT.json | ACTIVATIONS.npz/.h5/folder]   opens it (default: the bundled example)
//   miwb --run [FILE]                                      opens it and starts the run at once
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <iostream>

#include "window/main_window.h"
#include "miwb/host/plugins/plugin_registry.h"

int main(int argc, char** argv) {
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
  QApplication::setOrganizationName("miwb");
  QApplication::setApplicationName("MI Workbench");

  QCommandLineParser parser;
  parser.setApplicationDescription("MI Workbench: information planes and scaling curves of MI estimators.");
  parser.addHelpOption();
  parser.addOption({"run", "Start running the experiment as soon as the window is open."});
  parser.addPositionalArgument("file", "An experiment (.json), activations (.npz, .h5, folder) or a run folder to open.", "[file]");
  parser.process(app);

  miwb::PluginRegistry registry;
  registry.scan(miwb::PluginRegistry::defaultSearchPath());
  miwb::gui::MainWindow window(registry);
  if (!parser.positionalArguments().isEmpty()) window.openPath(parser.positionalArguments().first());
  window.show();
  if (parser.isSet("run")) QTimer::singleShot(0, &window, [&window] { window.startRun(); });
  return QApplication::exec();
}
