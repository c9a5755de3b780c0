#pragma once
// miwb-cli's command table, --version, and --help for the program and for each command. A command's
// help lists the options its own QCommandLineParser declares, the declarations that parse them, and
// the man page miwb-cli(1) is generated from this output at build time: help, man page and parsing
// cannot drift apart.
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

class QCommandLineParser;

namespace cli {

struct Command {
  const char* name;
  const char* synopsis;  // what follows "miwb-cli NAME" in the usage line (options aside)
  const char* summary;   // one sentence
  int (*run)(const QStringList& args);
};

// Every command, in the order the help lists them.
const std::vector<Command>& commands();
const Command* findCommand(const QString& name);

// `miwb-cli`, `miwb-cli --help`, `miwb-cli --version` and a misspelt leading option: the exit code;
// nullopt when args[1] names a command (or anything else that is not an option).
std::optional<int> answerProgramOptions(const QStringList& args);

// Declares -h/--help on a command's parser; when `args` (the command's, "miwb-cli" first) ask for
// it, prints the command's help on stdout and returns the exit code.
std::optional<int> answerCommandHelp(QCommandLineParser& parser, const QStringList& args, const QString& command);

}  // namespace cli
