#pragma once
// Runs an arena's threads at a lower OS priority than the rest of the process, so that an
// interactive thread (the window's event loop) gets a core at once even when the machine is busy.
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_scheduler_observer.h>

namespace miwb {

class BackgroundPriority : public tbb::task_scheduler_observer {
 public:
  explicit BackgroundPriority(tbb::task_arena& arena);
  ~BackgroundPriority() override;

  // Each thread entering the arena (workers and the thread that runs it) is lowered once, for
  // good: an unprivileged process cannot raise a thread's priority again. Only a process whose
  // heavy work is all background work (the window) asks for this.
  void on_scheduler_entry(bool isWorker) override;
};

}  // namespace miwb
