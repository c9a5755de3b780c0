#include <QCommandLineParser>
#include <iostream>

#include "cli_common.h"
#include "command_help.h"

namespace cli {

int runPlugins(const QStringList& args) {
  QCommandLineParser parser;
  parser.addOption({"json", "Print the registry as JSON."});
  if (auto done = answerCommandHelp(parser, args, "plugins")) return *done;
  if (!parser.parse(args)) return usageError(parser.errorText().toStdString());
  if (!parser.positionalArguments().isEmpty())
    return usageError("plugins takes no arguments, got '" + parser.positionalArguments().first().toStdString() + "'");
  miwb::PluginRegistry registry;
  findPlugins(registry, miwb::PluginLoading::Eager);  // the listing reports whether each loads
  if (parser.isSet("json")) {
    std::cout << registry.toJson().dump(2) << std::endl;
    return kOk;
  }
  std::cout << "search path:\n";
  for (const QString& folder : registry.searchPath()) std::cout << "  " << folder.toStdString() << "\n";
  for (const auto& r : registry.records()) {
    std::cout << "\n" << miwb::toString(r.state) << "  " << r.path.toStdString() << "\n";
    if (!r.id.empty()) std::cout << "  " << r.id << " " << r.version << " (" << miwb::toString(r.kind) << "): " << r.name << "\n";
    if (!r.reason.isEmpty()) std::cout << "  reason: " << r.reason.toStdString() << "\n";
    if (r.state != miwb::PluginState::Loaded) continue;
    for (const auto& o : r.offerings) {
      std::cout << "  - " << o.id << ": " << o.name << (o.role.empty() ? "" : " [" + o.role + "]") << "\n";
      for (const auto& p : o.params.specs())
        std::cout << "      " << p.name << " (" << miwb::ParamSpec::typeName(p.type) << ", default " << p.defaultValue.dump()
                  << ")" << (p.help.empty() ? "" : ": " + p.help) << "\n";
    }
  }
  return kOk;
}

}  // namespace cli
