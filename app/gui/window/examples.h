#pragma once
// The bundled example experiments (resources/examples): where they are and which one the window
// opens on.
#include <QString>
#include <QStringList>

namespace miwb::gui {

// Example files, sorted by name: from the install's share/miwb/examples, else the source tree.
QStringList exampleFiles();
// The example the window opens on: an information plane of a tanh network if there is one.
QString defaultExample();

}  // namespace miwb::gui
