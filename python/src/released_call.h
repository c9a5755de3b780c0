#pragma once
// Long calls into the workbench with the GIL released, cancellable with Ctrl-C.
#include <atomic>
#include <functional>

#include "miwb/status.h"

namespace miwbpy {

// Runs `work` on a thread of its own with the GIL released, so other Python threads run meanwhile.
// The calling thread waits, taking the GIL back every 50 ms to check for a signal (Python runs its
// handlers only on the main thread, so Ctrl-C there raises KeyboardInterrupt) and to call `poll`
// (progress reports; may be empty). A raised exception sets `cancel`, which `work` must pass to
// its run context; once `work` has stopped the exception propagates. Otherwise returns work's status.
miwb::Status callReleased(const std::function<miwb::Status()>& work, std::atomic<bool>& cancel,
                          const std::function<void()>& poll = {});

// Raises the Python exception that fits a failed status: ValueError for bad input and unsupported
// requests, KeyboardInterrupt for a cancelled call, RuntimeError otherwise.
[[noreturn]] void raise(const miwb::Status& status);

}  // namespace miwbpy
