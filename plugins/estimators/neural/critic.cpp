#include "critic.h"

#include "joint_critic.h"
#include "separable_critic.h"

namespace miwb::neural {

std::unique_ptr<Critic> makeCritic(const CriticShape& shape, Index dx, Index dy, miwb::Random& rng) {
  if (shape.kind == CriticKind::Joint) return std::make_unique<JointCritic>(shape, dx, dy, rng);
  return std::make_unique<SeparableCritic>(shape, dx, dy, rng);
}

}  // namespace miwb::neural
