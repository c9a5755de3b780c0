#include <QCommandLineParser>
#include <QDir>
#include <iostream>

#include "cli_common.h"
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
  const auto* entry = registry.dataset(id);
  miwb::Json given, resolved;
  if (entry) {
    if (auto s = parseParams(parser.values("p"), entry->info->params, id, given); !s) return fail(s);
  }
  std::unique_ptr<miwb::PairSource> source;
  if (auto s = registry.createPairSource(id, given, source, &resolved); !s) return fail(s);
  if (auto max = source->maxSamples(); max && n > *max)
    return usageError("option -n: dataset '" + id + "' has only " + std::to_string(*max) + " samples");

  miwb::RunContext ctx(static_cast<std::uint64_t>(seed));
  miwb::Variable x, y;
  if (auto s = miwb::callGuarded("dataset '" + id + "'", [&] { return source->sample(n, ctx, x, y); }); !s) return fail(s);

  const QDir out(parser.value("out"));
  if (!QDir().mkpath(out.path())) return usageError(out.path().toStdString() + ": cannot create the folder");
  if (auto s = miwb::writeFile(out.filePath("x.npy"), encode(x)); !s) return fail(s);
  if (auto s = miwb::writeFile(out.filePath("y.npy"), encode(y)); !s) return fail(s);
  const auto truth = source->trueMutualInformation();
  miwb::Json meta = {{"dataset", id},   {"params", resolved},       {"n", n},        {"seed", seed},
                     {"dx", x.dims()},  {"dy", y.dims()},
                     {"true_mi_nats", truth ? miwb::Json(*truth) : miwb::Json(nullptr)}};
  if (auto s = miwb::writeFile(out.filePath("meta.json"), meta.dump(2) + "\n"); !s) return fail(s);
  std::cout << "wrote " << out.filePath("x.npy").toStdString() << ", y.npy and meta.json" << std::endl;
  return kOk;
}

}  // namespace cli
