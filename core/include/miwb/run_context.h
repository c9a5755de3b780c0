#pragma once
// What the host hands to every plugin call: a seed, cancellation, progress and metrics.
// Progress doubles as cancellation (as in PlotJuggler's SDK): progress() returns false when the
// call should stop and return Status::cancelled(). Safe to call from any worker thread.
// A context may carry a deadline (the host's per-task time limit): past it the call is asked to stop
// exactly as if cancelled, and timedOut() tells the host which of the two happened.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "miwb/random.h"

namespace miwb {

class RunContext {
 public:
  using ProgressFn = std::function<void(double fraction)>;
  using MetricFn = std::function<void(const std::string& name, double step, double value)>;

  explicit RunContext(std::uint64_t seed = 0, const std::atomic<bool>* cancelFlag = nullptr)
      : seed_(seed), cancelFlag_(cancelFlag) {}

  void setProgressCallback(ProgressFn fn) { progress_ = std::move(fn); }
  void setMetricCallback(MetricFn fn) { metric_ = std::move(fn); }

  using Clock = std::chrono::steady_clock;
  void setDeadline(Clock::time_point deadline) {
    deadline_ = deadline;
    hasDeadline_ = true;
  }
  bool timedOut() const { return hasDeadline_ && Clock::now() >= deadline_; }

  std::uint64_t seed() const { return seed_; }
  bool cancelled() const { return (cancelFlag_ && cancelFlag_->load(std::memory_order_relaxed)) || timedOut(); }

  // Reports the fraction done (0..1); returns false if the caller should stop now.
  bool progress(double fraction) const {
    if (progress_) progress_(fraction);
    return !cancelled();
  }
  // A named series point for live views, e.g. ("train loss", epoch, value).
  void metric(const std::string& name, double step, double value) const {
    if (metric_) metric_(name, step, value);
  }

  // An independent generator for a numbered stream, so results do not depend on call order.
  Random random(std::uint64_t stream = 0) const;

 private:
  std::uint64_t seed_;
  const std::atomic<bool>* cancelFlag_;
  bool hasDeadline_ = false;
  Clock::time_point deadline_{};
  ProgressFn progress_;
  MetricFn metric_;
};

// Mixes a 64-bit seed with a stream id or a string key (splitmix64 / FNV-1a): stable across
// platforms and thread counts.
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream);
std::uint64_t mixSeed(std::uint64_t seed, const std::string& key);

inline Random RunContext::random(std::uint64_t stream) const {
  return Random(mixSeed(seed_, stream));
}

}  // namespace miwb
