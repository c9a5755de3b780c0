#pragma once
// How `merge` and `slurm --wait` say what a run lacks: one line per shard, and a summary.
#include <ostream>
#include <string>

#include "miwb/host/run/run_folder.h"

namespace cli {

// "shard 1 of 3: 4 of 12 tasks lack a result (1 failed, 3 not run)" for each shard that lacks some.
void printGaps(const miwb::RunFolderState& state, std::ostream& out);
// "5 tasks lack a result in shards 1, 2 of 3"
std::string incompleteSummary(const miwb::RunFolderState& state);

}  // namespace cli
