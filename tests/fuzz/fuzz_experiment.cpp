// The experiment JSON parser and its resolution against the real plugins' schemas. Beyond not
// crashing, one property must hold: a resolved experiment written out (as run writes
// experiment.json) parses and resolves again to the same document.
#include <QStringList>
#include <cstdlib>
#include <string>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/plugins/plugin_registry.h"

namespace {
miwb::PluginRegistry* gRegistry = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gRegistry = new miwb::PluginRegistry;  // lives for the process, as the plugins do
  // Metadata only: resolving needs the schemas, not the libraries. The tree's own plugins, then
  // MIWB_PLUGIN_PATH and the rest of the usual search path.
  gRegistry->scan(QStringList{QStringLiteral(MIWB_PLUGIN_DIR)} + miwb::PluginRegistry::defaultSearchPath(),
                  miwb::PluginLoading::OnDemand);
  if (gRegistry->estimators().empty()) std::abort();  // the harness's own failure: no plugins built
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const miwb::Json doc =
      miwb::Json::parse(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size, nullptr,
                        /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  miwb::Experiment experiment;
  if (!miwb::Experiment::fromJson(doc, experiment).isOk() || !experiment.resolve(*gRegistry).isOk()) return 0;
  const miwb::Json written = experiment.toJson();
  miwb::Experiment again;
  if (!miwb::Experiment::fromJson(written, again).isOk() || !again.resolve(*gRegistry).isOk()) std::abort();
  if (again.toJson() != written) std::abort();
  return 0;
}
