#pragma once
// Every plugin file the registry tried: its state (loaded, rejected), the reason for a rejection,
// what a loaded plugin offers, and the folders searched, in order.
#include <QDialog>

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

class PluginsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit PluginsDialog(const PluginRegistry& registry, QWidget* parent = nullptr);
};

}  // namespace miwb::gui
