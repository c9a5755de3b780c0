#pragma once
// The process's one plugin registry for the Python module, scanned on first use.
#include "miwb/host/plugins/plugin_registry.h"

namespace miwbpy {

// Plugins are looked for next to the module first (the build tree's bin/plugins, or the installed
// lib/miwb/plugins, as the module sits in build/python/miwb or <prefix>/lib/python3/dist-packages/miwb),
// then where the applications look (MIWB_PLUGIN_PATH, the per-user folder). Libraries load on first
// use. Thread-safe.
const miwb::PluginRegistry& sharedRegistry();

}  // namespace miwbpy
