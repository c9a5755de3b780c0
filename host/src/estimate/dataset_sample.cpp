#include "miwb/host/estimate/dataset_sample.h"

#include "miwb/host/plugins/plugin_registry.h"

namespace miwb {

Status sampleDataset(const PluginRegistry& registry, const std::string& id, const Json& given, long long n,
                     std::uint64_t seed, const std::string& nName, DatasetSample& out,
                     const std::atomic<bool>* cancel) {
  out = DatasetSample();
  std::unique_ptr<PairSource> source;
  Json resolved;
  MIWB_TRY(registry.createPairSource(id, given, source, &resolved));
  if (auto max = source->maxSamples(); max && n > *max)
    return Status::invalidInput(nName + ": dataset '" + id + "' has only " + std::to_string(*max) + " samples");
  RunContext ctx(seed, cancel);
  const auto* entry = registry.dataset(id);
  if (entry && entry->info->offersConditioning()) {
    Variable z;
    MIWB_TRY(callGuarded("dataset '" + id + "'", [&] { return source->sampleConditioned(n, ctx, out.x, out.y, z); }));
    out.z = std::move(z);
  } else {
    MIWB_TRY(callGuarded("dataset '" + id + "'", [&] { return source->sample(n, ctx, out.x, out.y); }));
  }
  const auto truth = source->trueMutualInformation();
  out.meta = {{"dataset", id},
              {"params", resolved},
              {"n", n},
              {"seed", seed},
              {"dx", out.x.dims()},
              {"dy", out.y.dims()},
              {"true_mi_nats", truth ? Json(*truth) : Json(nullptr)}};
  if (out.z) {
    const auto conditional = source->trueConditionalMutualInformation();
    out.meta["dz"] = out.z->dims();
    out.meta["true_cmi_nats"] = conditional ? Json(*conditional) : Json(nullptr);
  }
  return Status::ok();
}

}  // namespace miwb
