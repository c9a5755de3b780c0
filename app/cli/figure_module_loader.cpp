#include <dlfcn.h>

#include "figure_module.h"

namespace cli {

const FigureModule* loadFigureModule(std::string& error) {
  // dlopen from this executable searches its run path, where libmiwb-core and the module both live.
  void* handle = dlopen("libmiwb-cli-figures.so", RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    error = dlerror();
    return nullptr;
  }
  using Entry = const FigureModule* (*)();
  auto entry = reinterpret_cast<Entry>(dlsym(handle, MIWB_FIGURE_MODULE_ENTRY));
  if (!entry) {
    error = "libmiwb-cli-figures.so lacks " MIWB_FIGURE_MODULE_ENTRY;
    return nullptr;
  }
  return entry();  // the module stays loaded for the life of the process
}

}  // namespace cli
