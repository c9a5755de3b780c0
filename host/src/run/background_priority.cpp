#include "background_priority.h"

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace miwb {
namespace {
constexpr int kBackgroundNice = 10;  // the usual niceness of background jobs
}

BackgroundPriority::BackgroundPriority(tbb::task_arena& arena) : tbb::task_scheduler_observer(arena) { observe(true); }

BackgroundPriority::~BackgroundPriority() { observe(false); }

void BackgroundPriority::on_scheduler_entry(bool) {
#ifdef __linux__
  // Linux gives every thread its own niceness (POSIX would lower the whole process).
  thread_local bool lowered = false;
  if (lowered) return;
  lowered = true;
  const auto thread = static_cast<id_t>(gettid());
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, thread);
  if (errno == 0 && nice < kBackgroundNice) (void)setpriority(PRIO_PROCESS, thread, kBackgroundNice);
#endif
}

}  // namespace miwb
