// miwb-bench-gui-stall EXPERIMENT.json: runs the experiment in the real window and reports the
// longest event-loop stall (gui_stall_meter.h). A benchmark, kept out of the product.
#include <QApplication>
#include <iostream>

#include "gui_stall_meter.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "window/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("miwb");
  QApplication::setApplicationName("MI Workbench");
  if (argc != 2) {
    std::cerr << "usage: miwb-bench-gui-stall EXPERIMENT.json" << std::endl;
    return 2;
  }
  miwb::PluginRegistry registry;
  registry.scan(miwb::PluginRegistry::defaultSearchPath());
  miwb::gui::MainWindow window(registry);
  return miwb::gui::measureStall(window, QString::fromLocal8Bit(argv[1]));
}
