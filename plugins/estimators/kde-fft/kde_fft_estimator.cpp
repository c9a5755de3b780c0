#include "kde_fft_estimator.h"

#include <algorithm>

#include "grid_information.h"

namespace miwb::kdefft {

namespace {

std::vector<double> sortedColumn(const Matrix& m) {
  std::vector<double> values(m.data(), m.data() + m.rows());
  std::sort(values.begin(), values.end());
  return values;
}

// A side of the pair as the estimator reads it: values when it has them (a variable with values and
// row symbols is continuous), else labels.
bool usesLabels(const Variable& v) { return v.isDiscreteOnly(); }

Status oneColumn(const Variable& v, const char* name) {
  if (usesLabels(v) || v.dims() == 1) return Status::ok();
  return Status::unsupported(std::string("kde-fft estimates the MI of one column against one column or against labels; ") +
                             name + " has " + std::to_string(v.dims()) + " columns");
}

}  // namespace

double jointGridInformation(const double* x, const double* y, int count, const GridAxis& ax, const GridAxis& ay,
                            const std::vector<double>& wx, const std::vector<double>& wy) {
  std::vector<double> grid(static_cast<std::size_t>(ax.size) * static_cast<std::size_t>(ay.size), 0.0);
  linearBin2d(x, y, count, ax, ay, grid);
  smooth2d(grid, ax.size, ay.size, wx, wy);
  return gridMutualInformation(std::move(grid), ax.size, ay.size);
}

Status KdeFftEstimator::mutualInformation(const Variable& x, const Variable& y, RunContext& ctx, Estimate& out) const {
  if (x.samples() != y.samples()) return Status::invalidInput("x and y have different numbers of samples");
  if (x.samples() < 2) return Status::invalidInput("kde-fft needs at least 2 samples, got " + std::to_string(x.samples()));
  MIWB_TRY(oneColumn(x, "X"));
  MIWB_TRY(oneColumn(y, "Y"));
  for (const auto& [v, name] : {std::pair{&x, "X"}, std::pair{&y, "Y"}})
    if (v->hasValues() && !v->values().allFinite())
      return Status::invalidInput(std::string("kde-fft needs finite values; ") + name + " has NaN or an infinity");
  if (ctx.cancelled()) return Status::cancelled();
  out = Estimate();
  if (usesLabels(x) && usesLabels(y))
    return Status::unsupported("kde-fft needs a continuous side; for two discrete variables use binning");
  if (usesLabels(y)) return againstClasses(x.values(), y.labels(), out);
  if (usesLabels(x)) return againstClasses(y.values(), x.labels(), out);
  return continuousPair(x.values(), y.values(), out);
}

Status KdeFftEstimator::continuousPair(const Matrix& x, const Matrix& y, Estimate& out) const {
  const std::vector<double> sx = sortedColumn(x), sy = sortedColumn(y);
  out.details = {{"grid", settings_.grid}};
  // A constant side carries no information (and has no bandwidth).
  if (sx.front() == sx.back() || sy.front() == sy.back()) {
    out.valueNats = 0.0;
    out.details["constant"] = true;
    return Status::ok();
  }
  const double hx = bandwidthOf(sx, settings_.rule, 2), hy = bandwidthOf(sy, settings_.rule, 2);
  const double margin = gridMargin(settings_.kernel);
  const GridAxis ax = axisCovering(sx.front(), sx.back(), margin * hx, settings_.grid);
  const GridAxis ay = axisCovering(sy.front(), sy.back(), margin * hy, settings_.grid);
  out.valueNats = jointGridInformation(x.data(), y.data(), static_cast<int>(x.rows()), ax, ay,
                                       sampledKernel(settings_.kernel, hx, ax), sampledKernel(settings_.kernel, hy, ay));
  out.details["bandwidth_x"] = hx;
  out.details["bandwidth_y"] = hy;
  return Status::ok();
}

Status KdeFftEstimator::againstClasses(const Matrix& values, const Labels& labels, Estimate& out) const {
  const std::vector<double> all = sortedColumn(values);
  const DenseLabels classes = denseLabels(labels);
  out.details = {{"grid", settings_.grid}, {"classes", classes.counts.size()}};
  if (all.front() == all.back() || classes.counts.size() < 2) {
    out.valueNats = 0.0;
    out.details["constant"] = true;
    return Status::ok();
  }
  std::vector<std::vector<double>> members(classes.counts.size());
  for (Index i = 0; i < values.rows(); ++i)
    members[static_cast<std::size_t>(classes.codes[static_cast<std::size_t>(i)])].push_back(values(i, 0));
  // Each class's own bandwidth; a class without spread (one value) borrows the pooled one.
  const double pooled = bandwidthOf(all, settings_.rule, 1);
  std::vector<double> bandwidths(members.size());
  for (std::size_t c = 0; c < members.size(); ++c) {
    std::sort(members[c].begin(), members[c].end());
    const bool spread = members[c].size() >= 2 && members[c].front() < members[c].back();
    const double h = spread ? bandwidthOf(members[c], settings_.rule, 1) : 0.0;
    bandwidths[c] = h > 0.0 ? h : pooled;
  }
  const double widest = *std::max_element(bandwidths.begin(), bandwidths.end());
  const GridAxis axis = axisCovering(all.front(), all.back(), gridMargin(settings_.kernel) * widest, settings_.grid);
  std::vector<std::vector<double>> densities(members.size());
  std::vector<double> weights(members.size());
  for (std::size_t c = 0; c < members.size(); ++c) {
    densities[c].assign(static_cast<std::size_t>(axis.size), 0.0);
    linearBin(members[c].data(), static_cast<int>(members[c].size()), axis, densities[c]);
    AxisSmoother(sampledKernel(settings_.kernel, bandwidths[c], axis), axis.size).smooth(densities[c].data());
    weights[c] = static_cast<double>(members[c].size()) / static_cast<double>(values.rows());
  }
  out.valueNats = mixtureMutualInformation(std::move(densities), weights);
  out.details["bandwidths"] = bandwidths;
  return Status::ok();
}

}  // namespace miwb::kdefft
