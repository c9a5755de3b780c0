#pragma once
// One bmi task as a pair source: its base distribution, then its map. The MI is the base's
// (the maps are invertible on each side); entropies where the map keeps a closed form.
#include <memory>

#include "base_distribution.h"
#include "miwb/dataset.h"
#include "task_spec.h"

namespace miwb::bmi {

class BmiPairs final : public PairSource {
 public:
  // `spec` must have passed validate().
  explicit BmiPairs(const TaskSpec& spec);

  Status sample(Index n, RunContext& ctx, Variable& x, Variable& y) const override;
  std::optional<double> trueMutualInformation() const override;
  std::optional<double> trueEntropy(PairSide side) const override;

 private:
  TaskSpec spec_;
  std::unique_ptr<BaseDistribution> base_;
};

}  // namespace miwb::bmi
