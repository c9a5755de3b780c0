#include "bmi_pairs.h"

#include "additive_family.h"
#include "gaussian_family.h"
#include "student_family.h"
#include "task_transform.h"

namespace miwb::bmi {
namespace {

std::unique_ptr<BaseDistribution> makeBase(const TaskSpec& s) {
  switch (s.family) {
    case Family::NormalDense:
      return std::make_unique<GaussianDistribution>(denseCorrelation(s.dx, s.dy, s.rho), s.dx);
    case Family::NormalSparse:
      return std::make_unique<GaussianDistribution>(sparseCorrelation(s.dx, s.dy, s.pairs, s.strength), s.dx);
    case Family::StudentDense:
      return std::make_unique<StudentDistribution>(denseCorrelation(s.dx, s.dy, s.rho), s.dx, s.dof);
    case Family::AdditiveUniform:
      return std::make_unique<AdditiveUniformDistribution>(s.noise);
  }
  return nullptr;
}

}  // namespace

BmiPairs::BmiPairs(const TaskSpec& spec) : spec_(spec), base_(makeBase(spec)) {}

Status BmiPairs::sample(Index n, RunContext& ctx, Variable& x, Variable& y) const {
  if (n < 1) return Status::invalidInput("the number of samples must be at least 1");
  // One stream for the base draw, so a mapped task's sample is its base task's sample mapped.
  Random random = ctx.random();
  Matrix mx, my;
  base_->draw(n, random, mx, my);
  applyTransform(spec_.transform, mx, my);
  x = Variable::continuous(std::move(mx));
  y = Variable::continuous(std::move(my));
  return Status::ok();
}

std::optional<double> BmiPairs::trueMutualInformation() const { return base_->mutualInformation(); }

std::optional<double> BmiPairs::trueEntropy(PairSide side) const {
  const auto base = base_->entropy(side);
  const auto change =
      entropyChange(spec_.transform, side == PairSide::X ? spec_.dx : spec_.dy, base_->hasStandardNormalMarginals());
  if (!base || !change) return std::nullopt;
  return *base + *change;
}

}  // namespace miwb::bmi
