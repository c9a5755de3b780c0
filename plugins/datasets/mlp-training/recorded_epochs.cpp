#include "recorded_epochs.h"

#include <algorithm>
#include <cmath>

namespace miwb::mlp_training {

std::vector<int> logSpacedEpochs(int total, int count) {
  std::vector<int> epochs;
  if (total < 1 || count < 1) return epochs;
  if (count == 1) return {total};
  const double top = std::log(static_cast<double>(total));
  for (int i = 0; i < count; ++i) {
    const double e = std::exp(top * static_cast<double>(i) / static_cast<double>(count - 1));
    epochs.push_back(std::clamp(static_cast<int>(std::lround(e)), 1, total));
  }
  epochs.back() = total;  // exp(log(total)) may round off by one ulp; the last epoch is always kept
  std::sort(epochs.begin(), epochs.end());
  epochs.erase(std::unique(epochs.begin(), epochs.end()), epochs.end());
  return epochs;
}

}  // namespace miwb::mlp_training
