#include "miwb/host/screen/screen_output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <numeric>



namespace miwb {

namespace {

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

// RFC 4180 quoting where a field needs it.
std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::vector<std::size_t> outputOrder(const std::vector<ScreenRow>& rows) {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Index ra = rows[a].rank, rb = rows[b].rank;
    if ((ra == 0) != (rb == 0)) return rb == 0;
    return ra < rb;  // unranked rows keep their feature order
  });
  return order;
}

}  // namespace

std::string screenCsv(const ScreenResult& result) {
  std::string out = "feature,name,estimator,n,mi_nats,mi_bits,linfoot,rank,p_value,q_value,selected,clumped_by,note\n";
  for (const ScreenTable& table : result.tables) {
    for (std::size_t k : outputOrder(table.rows)) {
      const ScreenRow& row = table.rows[k];
      if (row.feature < result.firstFeature || row.feature >= result.endFeature) continue;  // another shard's
      const bool estimated = !std::isnan(row.miNats);
      const std::string name =
          static_cast<std::size_t>(row.feature) < result.names.size() ? result.names[static_cast<std::size_t>(row.feature)] : "";
      out += std::to_string(row.feature) + ',' + csvField(name) + ',' + csvField(table.estimator.id) + ',' +
             std::to_string(row.n) + ',' + (estimated ? number(row.miNats) : "") + ',' +
             (estimated ? number(row.miNats / std::numbers::ln2) : "") + ',' +
             (estimated ? number(linfootCorrelation(row.miNats)) : "") + ',' +
             (row.rank > 0 ? std::to_string(row.rank) : "") + ',' + (row.pValue ? number(*row.pValue) : "") + ',' +
             (row.qValue ? number(*row.qValue) : "") + ',' + (row.selected ? "1" : "0") + ',' +
             (row.clumpedBy ? std::to_string(*row.clumpedBy) : "") + ',' + csvField(row.note) + '\n';
    }
  }
  return out;
}

Json screenSummary(const ScreenResult& result, Index samples, const SelectionOptions& selection,
                   const ScreenOptions& options) {
  const Index features = result.tables.empty() ? 0 : static_cast<Index>(result.tables.front().rows.size());
  Json estimators = Json::array();
  for (const ScreenTable& table : result.tables) {
    Index estimated = 0, selected = 0, clumped = 0;
    for (const ScreenRow& row : table.rows) {
      estimated += std::isnan(row.miNats) ? 0 : 1;
      selected += row.selected ? 1 : 0;
      clumped += row.clumpedBy ? 1 : 0;
    }
    estimators.push_back({{"id", table.estimator.id},
                          {"params", table.estimator.params},
                          {"seconds", table.seconds},
                          {"features_per_second", table.seconds > 0 ? static_cast<double>(features) / table.seconds : 0.0},
                          {"estimated", estimated},
                          {"selected", selected},
                          {"clumped", clumped}});
  }
  const Json null(nullptr);
  return {{"features", features},
          {"samples", samples},
          {"blocks", result.blocks},
          {"read_seconds", result.readSeconds},
          {"seed", options.seed},
          {"permutations", options.permutations},
          {"top", selection.top ? Json(*selection.top) : null},
          {"fdr", selection.fdr ? Json(*selection.fdr == FdrMethod::BenjaminiHochberg ? "bh" : "by") : null},
          {"fdr_level", selection.fdrLevel},
          {"clump", selection.clumpCorrelation ? Json(*selection.clumpCorrelation) : null},
          {"estimators", estimators}};
}

}  // namespace miwb
