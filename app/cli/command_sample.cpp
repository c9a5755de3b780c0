#include <QCommandLineParser>
#include <QDir>
#include <iostream>

#include "cli_common.h"
#include "command_help.h"
#include "miwb/host/estimate/dataset_sample.h"
#include "miwb/io/npy.h"

namespace cli {
namespace {

std::string encode(const miwb::Variable& v) {
  if (v.hasValues()) return miwb::encodeNpy(v.values());
  return miwb::encodeNpy(v.labels());
}

}  // namespace

int runSample(const QStringList& args) {
  QCommandLineParser parser;
  parser.addOption({{"d", "dataset"}, "Dataset id.", "ID"});
  parser.addOption({{"p", "param"}, "Dataset parameter (repeatable).", "key=value"});
  parser.addOption({"n", "Number of samples.", "N"});
  parser.addOption({"seed", "Random seed.", "S", "0"});
  parser.addOption({"out", "Output folder.", "DIR"});
  if (auto done = answerCommandHelp(parser, args, "sample")) return *done;
  if (!parser.parse(args)) return usageError(parser.errorText().toStdString());
  if (!parser.positionalArguments().isEmpty())
    return usageError("sample takes no positional arguments, got '" + parser.positionalArguments().first().toStdString() + "'");
  if (!parser.isSet("d")) return usageError("sample needs -d ID");
  if (!parser.isSet("n")) return usageError("sample needs -n N");
  if (!parser.isSet("out")) return usageError("sample needs --out DIR");
  long long n = 0, seed = 0;
  if (auto s = parseCount(parser.value("n"), "n", 1, n); !s) return fail(s);
  if (auto s = parseCount(parser.value("seed"), "seed", 0, seed); !s) return fail(s);

  miwb::PluginRegistry registry;
  findPlugins(registry);
  const std::string id = parser.value("d").toStdString();
  miwb::Json given;
  if (const auto* entry = registry.dataset(id)) {
    if (auto s = parseParams(parser.values("p"), entry->info->params, id, given); !s) return fail(s);
  }
  miwb::DatasetSample sample;
  if (auto s = miwb::sampleDataset(registry, id, given, n, static_cast<std::uint64_t>(seed), "option -n", sample); !s)
    return fail(s);
  const miwb::Variable& x = sample.x;
  const miwb::Variable& y = sample.y;

  const QDir out(parser.value("out"));
  if (!QDir().mkpath(out.path())) return usageError(out.path().toStdString() + ": cannot create the folder");
  if (auto s = miwb::writeFile(out.filePath("x.npy"), encode(x)); !s) return fail(s);
  if (auto s = miwb::writeFile(out.filePath("y.npy"), encode(y)); !s) return fail(s);
  if (sample.z)
    if (auto s = miwb::writeFile(out.filePath("z.npy"), encode(*sample.z)); !s) return fail(s);
  if (auto s = miwb::writeFile(out.filePath("meta.json"), sample.meta.dump(2) + "\n"); !s) return fail(s);
  std::cout << "wrote " << out.filePath("x.npy").toStdString() << (sample.z ? ", y.npy, z.npy" : ", y.npy")
            << " and meta.json" << std::endl;
  return kOk;
}

}  // namespace cli
