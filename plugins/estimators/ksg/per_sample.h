#pragma once
// Per-sample work split over the host's task arena, and the reduction of per-sample terms.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <vector>

#include "miwb/estimator.h"

namespace miwb::ksg {

// Calls fn(begin, end) for blocks of samples covering [0, n) in parallel. Progress goes from `from`
// to `to`; returns Status::cancelled() if the context asks to stop (remaining blocks are skipped).
template <class Fn>
miwb::Status forEachBlock(miwb::Index n, miwb::RunContext& ctx, double from, double to, Fn&& fn) {
  std::atomic<bool> stop{false};
  std::atomic<miwb::Index> done{0};
  tbb::parallel_for(tbb::blocked_range<miwb::Index>(0, n, 256), [&](const tbb::blocked_range<miwb::Index>& range) {
    if (stop.load(std::memory_order_relaxed)) return;
    fn(range.begin(), range.end());
    const miwb::Index total = done.fetch_add(static_cast<miwb::Index>(range.size())) + static_cast<miwb::Index>(range.size());
    if (!ctx.progress(from + (to - from) * static_cast<double>(total) / static_cast<double>(n)))
      stop.store(true, std::memory_order_relaxed);
  });
  return stop.load() ? miwb::Status::cancelled() : miwb::Status::ok();
}

// out.valueNats = mean of the terms, summed in sample order so the bits do not depend on the thread
// count; out.stderrNats = their std / sqrt(N) (the terms are treated as independent).
void summarize(const std::vector<double>& terms, miwb::Estimate& out);

}  // namespace miwb::ksg
