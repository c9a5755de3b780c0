#include "merge_report.h"

namespace cli {

void printGaps(const miwb::RunFolderState& state, std::ostream& out) {
  for (const miwb::ShardGap& gap : state.gaps) {
    out << "shard " << gap.shard.index << " of " << gap.shard.count << ": " << gap.lacking() << " of " << gap.tasks
        << " tasks lack a result (" << gap.failed << " failed, " << gap.missing << " not run"
        << (gap.hasJournal ? "" : "; it has no journal, so it never started") << ")\n";
  }
  out.flush();
}

std::string incompleteSummary(const miwb::RunFolderState& state) {
  std::string shards;
  for (const miwb::ShardGap& gap : state.gaps) shards += (shards.empty() ? "" : ", ") + std::to_string(gap.shard.index);
  return std::to_string(state.lacking()) + " of " + std::to_string(state.tasks.size()) + " tasks lack a result in shard" +
         (state.gaps.size() > 1 ? "s " : " ") + shards + " of " + std::to_string(state.shardCount);
}

}  // namespace cli
