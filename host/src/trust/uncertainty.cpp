#include "miwb/host/trust/uncertainty.h"

#include <cmath>
#include <oneapi/tbb/parallel_for.h>
#include <sstream>

#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/trust/resampling.h"

namespace miwb {
namespace {

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

Status checkUncertainty(long long resamples, double level, const std::string& resamplesName, const std::string& levelName) {
  if (resamples < 2)
    return Status::invalidInput(resamplesName + " must be at least 2 (resamples per interval), got " + std::to_string(resamples));
  if (!(level > 0 && level < 1)) return Status::invalidInput(levelName + " must lie strictly between 0 and 1, got " + number(level));
  return Status::ok();
}

Status parseUncertainty(const Json& field, UncertaintyOptions& out) {
  if (!field.is_object()) return Status::invalidInput("field 'uncertainty' must be an object {\"resamples\": B, \"level\": L}");
  // Fields relative to "uncertainty" (Status::field()): the experiment places them under it.
  const Json& b = field.value("resamples", Json());
  if (!b.is_number_integer())
    return Status::invalidInput("field 'uncertainty.resamples' must be an integer").atField("resamples");
  const Json& level = field.value("level", Json(0.9));
  if (!level.is_number()) return Status::invalidInput("field 'uncertainty.level' must be a number").atField("level");
  if (Status s = checkUncertainty(b.get<long long>(), level.get<double>(), "field 'uncertainty.resamples'",
                                  "field 'uncertainty.level'");
      !s)
    return s.atField(b.get<long long>() < 2 ? "resamples" : "level");  // resamples are checked first
  out.resamples = b.get<int>();
  out.level = level.get<double>();
  return Status::ok();
}

Json toJson(const UncertaintyOptions& options) { return {{"resamples", options.resamples}, {"level", options.level}}; }

Status halfSampleIntervals(Index n, const std::vector<double>& full, const UncertaintyOptions& options,
                           std::uint64_t seed, const std::atomic<bool>* cancel, const SubsetMeasure& measure,
                           std::vector<numerics::Interval>& out) {
  const Index m = numerics::halfSize(n);
  if (m < 2) return Status::invalidInput("an interval needs at least 4 samples, got " + std::to_string(n));
  const auto b = static_cast<std::size_t>(options.resamples);
  std::vector<std::vector<double>> values(b);
  std::vector<Status> statuses(b);
  tbb::parallel_for(std::size_t(0), b, [&](std::size_t r) {
    Random rng(mixSeed(seed, 2 * r));
    const std::vector<Index> rows = numerics::randomSubset(n, m, rng);
    RunContext ctx(mixSeed(seed, 2 * r + 1), cancel);
    statuses[r] = measure(rows, ctx, values[r]);
    if (statuses[r].isOk() && values[r].size() != full.size())
      statuses[r] = Status::failed("a resample gave " + std::to_string(values[r].size()) + " numbers, expected " +
                                   std::to_string(full.size()));
  });
  for (std::size_t r = 0; r < b; ++r)
    if (!statuses[r].isOk()) return statuses[r].withContext("resample " + std::to_string(r + 1) + " of " + std::to_string(b));
  out.clear();
  for (std::size_t k = 0; k < full.size(); ++k) {
    std::vector<double> halves(b);
    for (std::size_t r = 0; r < b; ++r) {
      if (!std::isfinite(values[r][k])) return Status::numericalIssue("a resample's estimate is not a finite number");
      halves[r] = values[r][k];
    }
    out.push_back(numerics::halfSampleInterval(full[k], std::move(halves), n, m, options.level));
  }
  return Status::ok();
}

SubsetMeasure mutualInformationMeasure(const Estimator& estimator, const Variable& x, const Variable& y) {
  // The measure keeps pointers: the caller's estimator and data outlive it.
  return [est = &estimator, px = &x, py = &y](const std::vector<Index>& rows, RunContext& ctx, std::vector<double>& values) -> Status {
    Estimate e;
    MIWB_TRY(callGuarded("the estimator", [&] { return est->mutualInformation(px->subset(rows), py->subset(rows), ctx, e); }));
    values = {e.valueNats};
    return Status::ok();
  };
}

SubsetMeasure conditionalMutualInformationMeasure(const Estimator& estimator, const Variable& x, const Variable& y,
                                                  const Variable& z) {
  return [est = &estimator, px = &x, py = &y, pz = &z](const std::vector<Index>& rows, RunContext& ctx,
                                                       std::vector<double>& values) -> Status {
    Estimate e;
    MIWB_TRY(callGuarded("the estimator", [&] {
      return est->conditionalMutualInformation(px->subset(rows), py->subset(rows), pz->subset(rows), ctx, e);
    }));
    values = {e.valueNats};
    return Status::ok();
  };
}

SubsetMeasure entropyMeasure(const Estimator& estimator, const Variable& x) {
  return [est = &estimator, px = &x](const std::vector<Index>& rows, RunContext& ctx, std::vector<double>& values) -> Status {
    Estimate e;
    MIWB_TRY(callGuarded("the estimator", [&] { return est->entropy(px->subset(rows), ctx, e); }));
    values = {e.valueNats};
    return Status::ok();
  };
}

SubsetMeasure planeMeasure(const Estimator& estimator, const Variable& x, const Variable& t, const Variable& y) {
  return [est = &estimator, px = &x, pt = &t, py = &y](const std::vector<Index>& rows, RunContext& ctx,
                                                       std::vector<double>& values) -> Status {
    Estimate xt, ty;
    MIWB_TRY(callGuarded("the estimator", [&] {
      return est->informationPlane(px->subset(rows), pt->subset(rows), py->subset(rows), ctx, xt, ty);
    }));
    values = {xt.valueNats, ty.valueNats};
    return Status::ok();
  };
}

}  // namespace miwb
