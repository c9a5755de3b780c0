#include "dsmi_estimator.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "diffusion_entropy.h"

namespace miwb::spectral {
namespace {

// Z (the continuous side) and the classes of the other side.
struct Roles {
  Matrix z;
  Labels classes;
  std::string conditionedOn;
};

// Equal-width intervals over [min, max] of one column; the maximum falls in the last interval.
Labels equalWidthBins(const Matrix& column, int bins) {
  const double lo = column.minCoeff(), hi = column.maxCoeff();
  Labels out(static_cast<std::size_t>(column.rows()), 0);
  if (!(hi > lo)) return out;
  for (Index i = 0; i < column.rows(); ++i) {
    const auto b = static_cast<std::int64_t>(std::floor((column(i, 0) - lo) / (hi - lo) * bins));
    out[static_cast<std::size_t>(i)] = std::clamp<std::int64_t>(b, 0, bins - 1);
  }
  return out;
}

// The labelled side conditions (y first, as in DSMI(Z;Y)); failing that, a single continuous column
// is binned. Several continuous columns on both sides would need a clustering the paper leaves open.
Status chooseRoles(const Variable& x, const Variable& y, int bins, Roles& out) {
  if (y.hasLabels() && x.hasValues()) {
    out = {x.values(), y.labels(), "y labels"};
  } else if (x.hasLabels() && y.hasValues()) {
    out = {y.values(), x.labels(), "x labels"};
  } else if (!x.hasValues() || !y.hasValues()) {
    return Status::invalidInput("dsmi needs continuous values on one side, but x and y hold only labels");
  } else if (y.dims() == 1) {
    out = {x.values(), equalWidthBins(y.values(), bins), "y binned"};
  } else if (x.dims() == 1) {
    out = {y.values(), equalWidthBins(x.values(), bins), "x binned"};
  } else {
    return Status::unsupported("dsmi needs labels or a single continuous column on one side, but x has " +
                               std::to_string(x.dims()) + " and y has " + std::to_string(y.dims()) + " columns");
  }
  return Status::ok();
}

}  // namespace

Status DsmiEstimator::mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const {
  miwb::Random subsampleRng = ctx.random(SpectralSettings::kSubsampleStream);
  const std::vector<Index> kept = sampleWithoutReplacement(x.samples(), settings_.maxSamples, subsampleRng);
  Roles roles;
  MIWB_TRY(chooseRoles(x.subset(kept), y.subset(kept), bins_, roles));
  const Index n = roles.z.rows();
  const DenseLabels classes = denseLabels(roles.classes);
  const auto classCount = classes.counts.size();
  const double sigma = settings_.width(roles.z, ctx);

  // Task c * (repeats + 1) is class c's conditional DSE; the next `repeats` are its random subsets.
  // Subsets are drawn serially here, so the result does not depend on how the tasks are scheduled.
  const auto perClass = static_cast<std::size_t>(repeats_) + 1;
  std::vector<std::vector<Index>> taskRows(classCount * perClass);
  for (std::size_t c = 0; c < classCount; ++c)
    for (Index i = 0; i < n; ++i)
      if (classes.codes[static_cast<std::size_t>(i)] == static_cast<int>(c)) taskRows[c * perClass].push_back(i);
  miwb::Random repeatRng = ctx.random(SpectralSettings::kRepeatStream);
  for (std::size_t c = 0; c < classCount; ++c)
    for (std::size_t r = 1; r < perClass; ++r)
      taskRows[c * perClass + r] = sampleWithoutReplacement(n, classes.counts[c], repeatRng);

  std::vector<double> dse(taskRows.size(), 0.0);
  std::vector<Status> statuses(taskRows.size());
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stop{false};
  tbb::parallel_for(std::size_t{0}, taskRows.size(), [&](std::size_t task) {
    if (stop.load()) return;
    statuses[task] = diffusionSpectralEntropy(roles.z(taskRows[task], Eigen::all), sigma, settings_.t,
                                              settings_.eigenvalues, dse[task]);
    if (!ctx.progress(static_cast<double>(++done) / static_cast<double>(taskRows.size()))) stop = true;
  });
  if (stop.load() || ctx.cancelled()) return Status::cancelled();
  for (const Status& s : statuses) MIWB_TRY(s);

  double mi = 0.0;
  Json perClassTerms = Json::array();
  for (std::size_t c = 0; c < classCount; ++c) {
    double unconditional = 0.0;
    for (std::size_t r = 1; r < perClass; ++r) unconditional += dse[c * perClass + r];
    unconditional /= static_cast<double>(repeats_);
    const double weight = static_cast<double>(classes.counts[c]) / static_cast<double>(n);
    mi += weight * (unconditional - dse[c * perClass]);
    perClassTerms.push_back({{"p", weight}, {"dse_subset", unconditional}, {"dse_given", dse[c * perClass]}});
  }
  out.valueNats = mi;
  out.details = {{"sigma", sigma}, {"samples", n}, {"conditioned_on", roles.conditionedOn},
                 {"classes", perClassTerms}};
  return Status::ok();
}

}  // namespace miwb::spectral
