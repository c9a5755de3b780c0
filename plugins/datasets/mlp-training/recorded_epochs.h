#pragma once
// Which epochs to record: information-plane dynamics happen on a log time scale (fast fitting
// early, slow compression late), so record log-spaced epochs.
#include <vector>

namespace miwb::mlp_training {

// `count` epochs log-spaced between 1 and `total` (both >= 1), rounded, sorted and deduplicated (so
// possibly fewer than count); always includes `total`. count >= total gives every epoch.
std::vector<int> logSpacedEpochs(int total, int count);

}  // namespace miwb::mlp_training
