#include "miwb/host/screen/screen_selection.h"

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace miwb {

double linfootCorrelation(double nats) { return std::sqrt(std::max(0.0, -std::expm1(-2.0 * nats))); }

double gaussianPairInformation(double r) { return -0.5 * std::log1p(-r * r); }

void rankRows(std::vector<ScreenRow>& rows) {
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    rows[k].rank = 0;
    if (!std::isnan(rows[k].miNats)) order.push_back(k);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rows[a].miNats > rows[b].miNats; });
  for (std::size_t r = 0; r < order.size(); ++r) rows[order[r]].rank = static_cast<Index>(r + 1);
}

void assignQValues(std::vector<ScreenRow>& rows, FdrMethod method) {
  std::vector<std::size_t> tested;
  std::vector<double> p;
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (rows[k].pValue) {
      tested.push_back(k);
      p.push_back(*rows[k].pValue);
    }
  const std::vector<double> q = qValues(p, method);
  for (std::size_t t = 0; t < tested.size(); ++t) rows[tested[t]].qValue = q[t];
}

void selectRows(std::vector<ScreenRow>& rows, const SelectionOptions& options) {
  for (ScreenRow& row : rows) {
    row.selected = row.rank > 0 && (!options.top || row.rank <= *options.top) &&
                   (!options.fdr || (row.qValue && *row.qValue <= options.fdrLevel));
    row.clumpedBy.reset();
  }
}

Status clumpRows(ScreenTable& table, FeatureSource& source, const ScreenOptions& options, double correlation) {
  std::vector<std::size_t> candidates;  // row positions, in rank order
  for (std::size_t k = 0; k < table.rows.size(); ++k)
    if (table.rows[k].selected) candidates.push_back(k);
  std::sort(candidates.begin(), candidates.end(),
            [&](std::size_t a, std::size_t b) { return table.rows[a].rank < table.rows[b].rank; });
  if (candidates.size() < 2) return Status::ok();
  const Index n = source.samples();
  const std::uint64_t bytes = static_cast<std::uint64_t>(candidates.size()) * static_cast<std::uint64_t>(n) * sizeof(double);
  if (bytes > options.maxMemoryBytes)
    return Status::invalidInput("clumping " + std::to_string(candidates.size()) + " selected features needs " +
                                std::to_string(bytes >> 20) + " MiB of columns, over the memory limit; select fewer (--top) or raise --max-memory");
  // The columns in ascending feature order (one pass over the file), then looked up by feature.
  std::vector<Index> ascending;
  for (std::size_t k : candidates) ascending.push_back(table.rows[k].feature);
  std::sort(ascending.begin(), ascending.end());
  std::vector<double> columns(static_cast<std::size_t>(bytes / sizeof(double)));
  MIWB_TRY(source.readSelected(ascending, columns.data()));
  auto columnOf = [&](Index feature) {
    const auto at = std::lower_bound(ascending.begin(), ascending.end(), feature) - ascending.begin();
    return &columns[static_cast<std::size_t>(at) * static_cast<std::size_t>(n)];
  };
  const double threshold = gaussianPairInformation(correlation);
  ScreenOptions pairOptions = options;
  pairOptions.permutations = 0;
  std::vector<Index> kept;  // features, in rank order
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::info::default_concurrency());
  for (std::size_t k : candidates) {
    ScreenRow& row = table.rows[k];
    const double* column = columnOf(row.feature);
    // MI of this feature with each kept one: the kept feature is the outcome, on its own rows.
    std::vector<double> information(kept.size(), 0.0);
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, kept.size(), [&](std::size_t g) {
        const double* other = columnOf(kept[g]);
        std::vector<Index> rows;
        for (Index i = 0; i < n; ++i)
          if (!std::isnan(other[i])) rows.push_back(i);
        Matrix outcomeValues(static_cast<Index>(rows.size()), 1);
        std::vector<double> restricted(rows.size());
        for (std::size_t r = 0; r < rows.size(); ++r) {
          outcomeValues(static_cast<Index>(r), 0) = other[rows[r]];
          restricted[r] = column[rows[r]];
        }
        const ScreenRow pair = screenFeature(*table.estimator.estimator, restricted.data(),
                                             Variable::continuous(std::move(outcomeValues)), row.feature, pairOptions, nullptr);
        information[g] = std::isnan(pair.miNats) ? 0.0 : pair.miNats;
      });
    });
    const auto redundant = std::find_if(information.begin(), information.end(), [&](double i) { return i > threshold; });
    if (redundant == information.end()) {
      kept.push_back(row.feature);
    } else {
      row.clumpedBy = kept[static_cast<std::size_t>(redundant - information.begin())];
      row.selected = false;
    }
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) return Status::cancelled();
  }
  return Status::ok();
}

}  // namespace miwb
