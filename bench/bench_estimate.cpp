// miwb-bench-estimate -e ID [-p key=value]... --x FILE --y FILE [--threads N] [--seed S] [--json]
// The command line of `miwb-cli estimate`. One estimate through the plugin registry, timed, printed as JSON with the fields of
// `miwb-cli estimate --json`. Used by ksg_vs_scipy.sh when miwb-cli is not built.
#include <tbb/task_arena.h>

#include <QCoreApplication>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "miwb/host/plugin_registry.h"
#include "miwb/io/variable_file.h"

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  std::string id;
  QString xPath, yPath;
  int threads = tbb::this_task_arena::max_concurrency();
  std::uint64_t seed = 0;
  std::vector<std::string> settings;
  for (int i = 1; i < args.size(); ++i) {
    const bool hasValue = i + 1 < args.size();
    if (args[i] == "-e" && hasValue) id = args[++i].toStdString();
    else if (args[i] == "--x" && hasValue) xPath = args[++i];
    else if (args[i] == "--y" && hasValue) yPath = args[++i];
    else if (args[i] == "--threads" && hasValue) threads = args[++i].toInt();
    else if (args[i] == "--seed" && hasValue) seed = args[++i].toULongLong();
    else if (args[i] == "-p" && hasValue) settings.push_back(args[++i].toStdString());
    else if (args[i] != "--json") return fail("unknown argument '" + args[i].toStdString() + "'");
  }
  if (id.empty() || xPath.isEmpty() || yPath.isEmpty() || threads < 1)
    return fail("usage: miwb-bench-estimate -e ID [-p key=value]... --x FILE --y FILE [--threads N] [--seed S] [--json]");
  miwb::PluginRegistry registry;
  registry.scan(miwb::PluginRegistry::defaultSearchPath());
  const auto* entry = registry.estimator(id);
  if (!entry) return fail("no plugin offers estimator '" + id + "'");
  miwb::Json params = miwb::Json::object();
  for (const std::string& kv : settings) {
    const auto eq = kv.find('=');
    const miwb::ParamSpec* spec = eq == std::string::npos ? nullptr : entry->info->params.find(kv.substr(0, eq));
    if (!spec) return fail("bad parameter '" + kv + "'");
    miwb::Json value;
    const miwb::Status s = miwb::ParamSchema::parseText(*spec, kv.substr(eq + 1), id, value);
    if (!s) return fail(s.message());
    params[spec->name] = value;
  }
  miwb::Variable x, y;
  if (const auto s = miwb::readVariableFile(xPath, x); !s) return fail(s.message());
  if (const auto s = miwb::readVariableFile(yPath, y); !s) return fail(s.message());
  std::unique_ptr<miwb::Estimator> estimator;
  miwb::Json resolved;
  if (const auto s = registry.createEstimator(id, params, estimator, &resolved); !s) return fail(s.message());

  miwb::RunContext ctx(seed);
  miwb::Estimate out;
  miwb::Status status;
  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(threads);
  arena.execute([&] { status = estimator->mutualInformation(x, y, ctx, out); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!status) return fail(status.message());
  const miwb::Json result = {{"estimator", id},
                             {"params", resolved},
                             {"n", x.samples()},
                             {"dx", x.dims()},
                             {"dy", y.dims()},
                             {"mi_nats", out.valueNats},
                             {"mi_bits", out.valueNats / std::log(2.0)},
                             {"stderr_nats", out.stderrNats ? miwb::Json(*out.stderrNats) : miwb::Json()},
                             {"seconds", seconds}};
  std::printf("%s\n", result.dump().c_str());
  return 0;
}
